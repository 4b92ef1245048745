using TokenOptimizer.Access.Http;
using TokenOptimizer.Aggregation.DefiningBudget;
using TokenOptimizer.ReadModels;
using Xunit;

namespace TokenOptimizer.Aggregation.Tests;

/// <summary>A budget's terms are checked at the edge, each problem under the field's wire name.</summary>
public sealed class ValidatingBudgetTerms
{
    private static readonly BudgetTermsValidator Validator = new();

    private static BudgetTerms Terms() =>
        new() { Name = "b", ScopeKind = BudgetScopes.Team, ScopeValue = "t", AmountUsd = 100, Period = BudgetPeriods.Month };

    private static Dictionary<string, string[]> ErrorsOf(BudgetTerms terms) => WireNames.ErrorsOf(Validator.Validate(terms).Errors);

    [Fact]
    public void ValidTerms_PassAsTheyAre() => Assert.Empty(ErrorsOf(Terms()));

    [Fact]
    public void InvalidTerms_AreRejectedWithEveryField()
    {
        var errors = ErrorsOf(Terms() with { ScopeValue = null, AmountUsd = 0, WebhookUrl = "ftp://x", ThresholdsPercent = [] });

        Assert.Equal(["amountUsd", "scopeValue", "thresholdsPercent", "webhookUrl"], errors.Keys.Order(StringComparer.Ordinal));
    }

    [Theory]
    [InlineData(BudgetScopes.User, "user id")]
    [InlineData(BudgetScopes.ApiKey, "API key id")]
    public void CallerScopeWithoutAValue_IsNamed(string scopeKind, string covered)
    {
        var errors = ErrorsOf(Terms() with { ScopeKind = scopeKind, ScopeValue = "" });

        Assert.Equal($"'scopeValue' is required for a {scopeKind} budget: the {covered} it covers.", Assert.Single(errors["scopeValue"]));
        Assert.Empty(ErrorsOf(Terms() with { ScopeKind = scopeKind, ScopeValue = "key-1" }));
    }

    [Fact]
    public void MissingNameAndUnknownKinds_AreNamed()
    {
        var errors = ErrorsOf(Terms() with { Name = null!, ScopeKind = "galaxy", Period = "fortnight" });

        Assert.Equal(["name", "period", "scopeKind"], errors.Keys.Order(StringComparer.Ordinal));
    }

    [Theory]
    [InlineData(0x0000)]
    [InlineData(0xD800)] // an unpaired surrogate: built in code, as xunit's own serialisation would replace it
    public void TextThatCannotBeStored_IsNamed(int codeUnit)
    {
        var text = "Team" + (char)codeUnit;

        Assert.Equal(["name", "scopeValue"], ErrorsOf(Terms() with { Name = text, ScopeValue = text }).Keys.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void AmountsPastATrillionOrTooFine_AndTooManyThresholds_AreNamed()
    {
        Assert.Contains("amountUsd", ErrorsOf(Terms() with { AmountUsd = 1_000_000_000_001m }).Keys);
        Assert.Contains("amountUsd", ErrorsOf(Terms() with { AmountUsd = 0.00000000001m }).Keys);
        Assert.Contains("thresholdsPercent", ErrorsOf(Terms() with { ThresholdsPercent = [.. Enumerable.Range(1, 11).Select(i => (decimal)i)] }).Keys);
    }

    [Theory]
    [InlineData(BudgetPeriods.Month, 29)]
    [InlineData(BudgetPeriods.Week, 8)]
    public void ResetDayOutsideThePeriod_IsNamed(string period, int resetDay) =>
        Assert.Equal(["resetDay"], ErrorsOf(Terms() with { Period = period, ResetDay = resetDay }).Keys);
}
