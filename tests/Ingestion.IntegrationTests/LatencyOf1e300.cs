using Xunit;

namespace TokenOptimizer.Ingestion.IntegrationTests;

/// <summary>
/// Issue #15: four records with <c>latencyMs: 1e300</c> were accepted, then the usage rollups failed on them (decimal
/// overflow) and stopped. They are refused naming the field, and what is accepted beside them rolls up.
/// </summary>
public sealed class LatencyOf1e300(ProjectingHost host) : IClassFixture<ProjectingHost>
{
    [Fact]
    public async Task FourRecords_AreRefusedNamingLatency_AndTheRecordBesideThemIsRolledUp()
    {
        var prefix = "huge-latency-" + Guid.NewGuid().ToString("N")[..8];
        var huge = Enumerable.Range(0, 4).Select(i => RawUsage.Record($"{prefix}-{i}", ("latencyMs", "1e300"))).ToList();
        var good = RawUsage.Record($"{prefix}-good");

        var response = await RawUsage.PostAsync(host.Http, $"[{string.Join(",", huge)},{good}]");

        var (accepted, rejected, fields) = await RawUsage.BatchAnswerAsync(response);
        Assert.Equal((1, 4), (accepted, rejected));
        Assert.All(fields, named => Assert.Equal(["latencyMs"], named));
        Assert.Equal(1, await host.CountQuarantinedAsync($"{prefix}-0"));

        await host.Projections.ApplyEverythingAsync();
        Assert.Equal(812.5m, await host.ScalarAsync<decimal>(
            "SELECT sum(latency_sum_ms) FROM usage_rollup_day WHERE feature = 'support-chat' AND request_count > 0"));
    }
}
