using TokenOptimizer.GraphQL.Language;
using TokenOptimizer.GraphQL.Validation;

namespace TokenOptimizer.GraphQL.Tests;

/// <summary>
/// Regression: validation reported every error it found, and field merging reports one per conflicting pair, so 700
/// fragments each asking for one field with a different argument made 244 650 errors. Like graphql-js, validation now
/// stops at 100 with one more error that says so.
/// </summary>
public class ValidationErrorsWereUnbounded
{
    [Fact]
    public void ManyErrors_StopAfterOneHundred_WithOneThatSaysSo()
    {
        var document = Parser.Parse("{ hello " + string.Join(" ", Enumerable.Range(0, 150).Select(i => $"@unknown{i}")) + " }");

        var errors = DocumentValidator.Validate(TestSchema.Build(), document);

        Assert.Equal(101, errors.Count);
        Assert.Equal("Unknown directive \"@unknown99\".", errors[99].Message);
        Assert.Equal("Too many validation errors, error limit reached. Validation aborted.", errors[100].Message);
        Assert.All(errors, e => Assert.Equal(ErrorCodes.ValidationFailed, e.Code));
    }
}
