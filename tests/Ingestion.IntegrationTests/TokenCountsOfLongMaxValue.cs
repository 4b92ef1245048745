using Xunit;

namespace TokenOptimizer.Ingestion.IntegrationTests;

/// <summary>
/// Issue #15: <c>inputTokens</c> = <c>outputTokens</c> = 2^63−1 was accepted, then the rollups skipped it ("bigint out of
/// range") and disagreed with the request log. Such counts are refused naming both fields, and nothing is stored.
/// </summary>
public sealed class TokenCountsOfLongMaxValue(IngestionHost host) : IClassFixture<IngestionHost>
{
    [Fact]
    public async Task Record_IsRefusedNamingBothCounts_AndKeptInQuarantine()
    {
        var requestId = "max-tokens-" + Guid.NewGuid().ToString("N");
        var max = long.MaxValue.ToString(System.Globalization.CultureInfo.InvariantCulture);

        var response = await RawUsage.PostAsync(host.Http, RawUsage.Record(requestId, ("inputTokens", max), ("outputTokens", max)));

        var errors = await RawUsage.ErrorsAsync(response);
        Assert.Equal(["inputTokens", "outputTokens"], errors.Keys.Order(StringComparer.Ordinal));
        Assert.Equal(0, await host.CountStreamEventsAsync(null, requestId));
        Assert.Equal(1, await host.CountQuarantinedAsync(requestId));
    }
}
