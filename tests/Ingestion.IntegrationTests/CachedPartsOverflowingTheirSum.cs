using Xunit;

namespace TokenOptimizer.Ingestion.IntegrationTests;

/// <summary>
/// Issue #15: <c>inputTokens: 0</c> with <c>cachedInputTokens</c> = <c>cacheWriteTokens</c> = 2^63−1 was accepted: the
/// parts ≤ whole check added the parts and overflowed. Now each part is refused by name.
/// </summary>
public sealed class CachedPartsOverflowingTheirSum(IngestionHost host) : IClassFixture<IngestionHost>
{
    [Fact]
    public async Task Record_IsRefusedNamingEachPart()
    {
        var requestId = "overflowing-parts-" + Guid.NewGuid().ToString("N");
        var max = long.MaxValue.ToString(System.Globalization.CultureInfo.InvariantCulture);

        var response = await RawUsage.PostAsync(host.Http, RawUsage.Record(requestId, ("inputTokens", "0"), ("cachedInputTokens", max), ("cacheWriteTokens", max)));

        var errors = await RawUsage.ErrorsAsync(response);
        Assert.Equal(["cacheWriteTokens", "cachedInputTokens"], errors.Keys.Order(StringComparer.Ordinal));
        Assert.Equal(0, await host.CountStreamEventsAsync(null, requestId));
    }
}
