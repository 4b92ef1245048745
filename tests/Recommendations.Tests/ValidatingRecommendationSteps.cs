using TokenOptimizer.Access.Http;
using TokenOptimizer.Recommendations.AllowingModels;
using TokenOptimizer.Recommendations.Lifecycle;
using TokenOptimizer.Recommendations.TestingModels;
using Xunit;

namespace TokenOptimizer.Recommendations.Tests;

/// <summary>The bodies of the recommendation steps, each refused under the field's wire name.</summary>
public sealed class ValidatingRecommendationSteps
{
    private static readonly DateTimeOffset Now = new(2026, 11, 25, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public void DismissReasonWithANul_IsNamed() =>
        Assert.Equal(["reason"], WireNames.ErrorsOf(new DismissRecommendationValidator().Validate(new DismissRecommendation("no\0thanks")).Errors).Keys);

    [Theory]
    [InlineData(null)]
    [InlineData(-1)]
    [InlineData(400)]
    public void SnoozeUntilMissingPastOrBeyondAYear_IsNamed(int? days)
    {
        var validator = new SnoozeRecommendationValidator(new FixedClock(Now));

        Assert.Equal(["until"], WireNames.ErrorsOf(validator.Validate(new SnoozeRecommendation(days is { } d ? Now.AddDays(d) : null)).Errors).Keys);
        Assert.True(validator.Validate(new SnoozeRecommendation(Now.AddDays(7))).IsValid);
    }

    [Theory]
    [InlineData(1e300)]
    [InlineData(double.NaN)]
    [InlineData(0)]
    public void TestTimeoutOutOfRange_IsNamed(double seconds) =>
        Assert.Equal(["callTimeoutSeconds"], WireNames.ErrorsOf(new TestRecommendationValidator().Validate(new TestRecommendation(["hi"], seconds)).Errors).Keys);

    [Fact]
    public void TestWithoutPromptsOrWithABlankOne_IsNamed()
    {
        var validator = new TestRecommendationValidator();

        Assert.Equal(["prompts"], WireNames.ErrorsOf(validator.Validate(new TestRecommendation(null, null)).Errors).Keys);
        Assert.Equal(["prompts"], WireNames.ErrorsOf(validator.Validate(new TestRecommendation(["hi", " "], null)).Errors).Keys);
    }

    [Fact]
    public void AllowanceWithoutModelOrAnswer_NamesBoth() =>
        Assert.Equal(["allowed", "model"], WireNames.ErrorsOf(new SetModelAllowanceValidator().Validate(new SetModelAllowance(null, null)).Errors).Keys.Order(StringComparer.Ordinal));

    private sealed class FixedClock(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }
}
