using TokenOptimizer.Contracts;
using Xunit;
using static TokenOptimizer.Ingestion.Tests.UsageUnderValidation;

namespace TokenOptimizer.Ingestion.Tests;

/// <summary>The contract's bounds (<see cref="UsageLimits"/>): just inside passes, just beyond is named.</summary>
public sealed class BoundingUsage
{
    [Fact]
    public void TokenCountsAtTheBound_AreValid_OneMoreIsNamed()
    {
        var max = UsageLimits.MaxTokens;
        Assert.Empty(ErrorsOf(Valid() with { InputTokens = max, CachedInputTokens = max, CacheWriteTokens = 0, OutputTokens = max, ReasoningTokens = max, EstimatedInputTokens = max }));

        var errors = ErrorsOf(Valid() with { InputTokens = max + 1, OutputTokens = max + 1, ReasoningTokens = 0, EstimatedInputTokens = max + 1 });

        Assert.Equal(["estimatedInputTokens", "inputTokens", "outputTokens"], errors.Keys.Order());
    }

    [Fact]
    public void PartsThatWouldOverflowTheirSum_AreRejected_NotWrapped()
    {
        var errors = ErrorsOf(Valid() with { InputTokens = 0, CachedInputTokens = long.MaxValue, CacheWriteTokens = long.MaxValue });

        Assert.Equal(["cacheWriteTokens", "cachedInputTokens"], errors.Keys.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void PartsSummingPastTheWhole_AreRejected_EvenAtTheBound()
    {
        var max = UsageLimits.MaxTokens;

        Assert.Contains("exceed 'inputTokens'", Assert.Single(ErrorsOf(Valid() with { InputTokens = max, CachedInputTokens = max, CacheWriteTokens = 1 })["cachedInputTokens"]));
    }

    [Theory]
    [InlineData(1e300)]
    [InlineData(double.PositiveInfinity)]
    [InlineData(UsageLimits.MaxLatencyMs + 1)]
    public void DurationsBeyondAWeek_AreNamed(double milliseconds)
    {
        var errors = ErrorsOf(Valid() with { LatencyMs = milliseconds, TimeToFirstTokenMs = milliseconds });

        Assert.Equal(["latencyMs", "timeToFirstTokenMs"], errors.Keys.Order());
        Assert.Empty(ErrorsOf(Valid() with { LatencyMs = UsageLimits.MaxLatencyMs, TimeToFirstTokenMs = UsageLimits.MaxLatencyMs }));
    }

    [Fact]
    public void AmountsBeyondAMillionOrTenDecimalPlaces_AreNamed_TrailingZerosAreNot()
    {
        var errors = ErrorsOf(Valid() with { ReportedCostUsd = UsageLimits.MaxAmountUsd + 0.01m, BilledAmountUsd = 0.00000000001m });

        Assert.Equal(["billedAmountUsd", "reportedCostUsd"], errors.Keys.Order());
        Assert.Empty(ErrorsOf(Valid() with { ReportedCostUsd = 1.5000000000000000000m, BilledAmountUsd = 0.0000000001m }));
    }

    [Fact]
    public void IdentifierOverItsBytes_IsNamed_ThoughWithinItsCharacters()
    {
        var cjk = new string('字', 134); // 402 bytes in UTF-8
        var errors = ErrorsOf(Valid() with { Feature = cjk });

        Assert.Contains("400 bytes", Assert.Single(errors["feature"]));
        Assert.Empty(ErrorsOf(Valid() with { Feature = new string('é', UsageLimits.IdentifierMaxLength), Team = string.Concat(Enumerable.Repeat("😀", 100)) }));
    }

    [Theory]
    [InlineData("a\0b")]
    [InlineData("tab\there")]
    [InlineData("bell\u0007")]
    [InlineData("c1\u0085")]
    public void ControlCharactersInAnIdentifier_AreNamed(string text) =>
        Assert.Contains("control character", Assert.Single(ErrorsOf(Valid() with { Environment = text })["environment"]));

    [Fact]
    public void LineBreaksInTheErrorMessage_AreKept_ButNotANul()
    {
        Assert.Empty(ErrorsOf(Valid() with { ErrorMessage = "Rate limited.\r\n\tRetry later." }));
        Assert.Contains("errorMessage", ErrorsOf(Valid() with { ErrorMessage = "x\0" }).Keys);
    }

    [Fact]
    public void UnpairedSurrogates_AreNamed()
    {
        var errors = ErrorsOf(Valid() with { UserId = "u\ud800", RequestId = "r\udc00x" });

        Assert.Equal(["requestId", "userId"], errors.Keys.Order());
        Assert.Contains("unpaired surrogate", errors["userId"][0]);
    }

    [Fact]
    public void TagKeysAndValues_MeetTheSameRules()
    {
        Assert.Contains("control character", Assert.Single(ErrorsOf(Valid() with { Tags = new Dictionary<string, string> { ["k\0"] = "v" } })["tags"]));
        Assert.Contains("bytes", Assert.Single(ErrorsOf(Valid() with { Tags = new Dictionary<string, string> { ["k"] = new string('字', 150) } })["tags"]));
        Assert.Contains("tags", ErrorsOf(Valid() with { Tags = new Dictionary<string, string> { ["k"] = "v\ud83d" } }).Keys);
    }

    [Fact]
    public void MoreCapabilitiesThanTheBound_AreNamed() =>
        Assert.Contains("capabilities", ErrorsOf(Valid() with { Capabilities = [.. Enumerable.Repeat(CallCapabilities.Tools, UsageLimits.MaxCapabilities + 1)] }).Keys);
}
