using TokenOptimizer.Contracts;
using Xunit;
using static TokenOptimizer.Ingestion.Tests.UsageUnderValidation;

namespace TokenOptimizer.Ingestion.Tests;

public sealed class ValidatingUsage
{
    [Fact]
    public void CompleteRecord_IsValid() => Assert.Empty(ErrorsOf(Valid()));

    [Fact]
    public void MissingRequiredFields_AreEachNamed()
    {
        var errors = ErrorsOf(Valid() with { RequestId = "", Provider = null!, Model = " ", Outcome = null!, OccurredAt = default });

        Assert.Equal(["model", "occurredAt", "outcome", "provider", "requestId"], errors.Keys.Order());
        Assert.Contains("'requestId' must not be empty.", errors["requestId"]);
    }

    [Fact]
    public void NegativeTokenCounts_AreRejected()
    {
        var errors = ErrorsOf(Valid() with { InputTokens = -1, OutputTokens = -5, CachedInputTokens = 0, CacheWriteTokens = 0, ReasoningTokens = 0 });

        Assert.Contains("inputTokens", errors.Keys);
        Assert.Contains("outputTokens", errors.Keys);
    }

    [Fact]
    public void CachedPartsExceedingTheWholePrompt_AreRejectedWithThatReason()
    {
        var errors = ErrorsOf(Valid() with { InputTokens = 250, CachedInputTokens = 200, CacheWriteTokens = 100 });

        var message = Assert.Single(errors["cachedInputTokens"]);
        Assert.Contains("exceed 'inputTokens'", message);
    }

    [Fact]
    public void OneHourWritesExceedingTheWrites_AreRejectedNamingTheField()
    {
        var errors = ErrorsOf(Valid() with { CacheWriteTokens = 100, CacheWriteOneHourTokens = 101 });

        Assert.Equal(["cacheWriteOneHourTokens"], errors.Keys);
        Assert.Contains("'cacheWriteOneHourTokens' exceed 'cacheWriteTokens'", Assert.Single(errors["cacheWriteOneHourTokens"]));
    }

    [Fact]
    public void NegativeOneHourWrites_AreRejectedNamingTheField()
    {
        var errors = ErrorsOf(Valid() with { CacheWriteOneHourTokens = -1 });

        Assert.Equal(["cacheWriteOneHourTokens"], errors.Keys);
        Assert.Contains("'cacheWriteOneHourTokens' must be a whole number of tokens", errors["cacheWriteOneHourTokens"][0]);
    }

    [Fact]
    public void OverlongResponseModel_IsRejectedNamingTheField()
    {
        var errors = ErrorsOf(Valid() with { ResponseModel = new string('m', UsageLimits.IdentifierMaxLength + 1) });

        Assert.Equal(["responseModel"], errors.Keys);
    }

    [Fact]
    public void ReasoningExceedingOutput_IsRejectedWithThatReason()
    {
        var errors = ErrorsOf(Valid() with { OutputTokens = 10, ReasoningTokens = 11 });

        Assert.Contains("exceed 'outputTokens'", Assert.Single(errors["reasoningTokens"]));
    }

    [Fact]
    public void UnknownEnumValues_AreRejectedListingTheKnownOnes()
    {
        var errors = ErrorsOf(Valid() with { Outcome = "ok", ErrorType = "oops", ServiceTier = "gold" });

        Assert.Contains("succeeded, failed", errors["outcome"][0]);
        Assert.Contains("rate_limit", errors["errorType"][0]);
        Assert.Contains("batch", errors["serviceTier"][0]);
    }

    [Fact]
    public void OccurredAtFarInTheFuture_IsRejected_ButSmallClockSkewIsNot()
    {
        Assert.Contains("occurredAt", ErrorsOf(Valid() with { OccurredAt = Now.AddHours(1) }).Keys);
        Assert.Empty(ErrorsOf(Valid() with { OccurredAt = Now.AddMinutes(5) }));
    }

    [Fact]
    public void OverlongStringsAndTooManyTags_AreRejected()
    {
        var tags = Enumerable.Range(0, UsageLimits.MaxTags + 1).ToDictionary(i => $"k{i}", i => "v");
        var errors = ErrorsOf(Valid() with
        {
            Model = new string('m', UsageLimits.IdentifierMaxLength + 1),
            ErrorMessage = new string('e', UsageLimits.ErrorMessageMaxLength + 1),
            Tags = tags,
        });

        Assert.Equal(["errorMessage", "model", "tags"], errors.Keys.Order());
    }

    [Fact]
    public void NegativeOrNonFiniteLatency_IsRejected()
    {
        Assert.Contains("latencyMs", ErrorsOf(Valid() with { LatencyMs = -1 }).Keys);
        Assert.Contains("latencyMs", ErrorsOf(Valid() with { LatencyMs = double.NaN }).Keys);
        Assert.Contains("timeToFirstTokenMs", ErrorsOf(Valid() with { TimeToFirstTokenMs = -3 }).Keys);
    }

    [Fact]
    public void NegativeMoney_IsRejected()
    {
        var errors = ErrorsOf(Valid() with { ReportedCostUsd = -0.01m, BilledAmountUsd = -1m });

        Assert.Equal(["billedAmountUsd", "reportedCostUsd"], errors.Keys.Order());
    }
}
