using TokenOptimizer.Aggregation.DetectingAnomalies;
using TokenOptimizer.Contracts;
using TokenOptimizer.Testing;
using TokenOptimizer.UsageLog;
using Xunit;

namespace TokenOptimizer.Aggregation.IntegrationTests;

public sealed class DetectingAnomalies
{
    [Fact]
    public async Task CostSpikeInAnHour_IsRecordedOnceWithItsBaseline_AndARebuildFindsTheSame()
    {
        // Given eight days of a steady $2 at 14:00, then a $20 hour, then traffic past the grace period
        await using var database = await TestDatabase.CreateAsync();
        var day0 = new DateTimeOffset(2026, 11, 1, 14, 0, 0, TimeSpan.Zero);
        var events = new List<UsageIngested>();
        for (var day = 0; day <= 8; day++)
        {
            var calls = day == 8 ? 40 : 4;
            events.AddRange(Enumerable.Range(0, calls).Select(i => Costing(day0.AddDays(day).AddMinutes(i), 0.5m + 0.01m * (day % 3))));
        }

        events.Add(Costing(day0.AddDays(8).AddHours(1).AddMinutes(15), 0.5m));
        await TestUsage.AppendAsync(database.Store, events);

        // When the anomaly projection catches up
        var projection = new AnomalyProjection(new TokenOptimizer.Aggregation.RollingUpUsage.UsageIngestedLookup());
        var daemon = database.Daemon(projection, batchSize: 50);
        await daemon.CatchUpAsync();
        Assert.Empty(await daemon.ReadErrorsAsync());

        // Then exactly the spike is an anomaly, stored once, with its baseline
        Assert.Equal(1L, await database.ScalarAsync<long>("SELECT count(*) FROM usage_anomalies WHERE metric = 'cost_usd' AND scope = 'global'"));
        Assert.Equal(20.8, await database.ScalarAsync<double>("SELECT observed FROM usage_anomalies WHERE scope = 'global'"), 6); // 40 calls × $0.52
        Assert.InRange(await database.ScalarAsync<double>("SELECT baseline_median FROM usage_anomalies WHERE scope = 'global'"), 2.0, 2.2);
        var stored = await database.ScalarAsync<long>("SELECT count(*) FROM usage_anomalies");
        await database.Daemon(projection, batchSize: 1_000).RebuildAsync();
        Assert.Equal(stored, await database.ScalarAsync<long>("SELECT count(*) FROM usage_anomalies"));
        Assert.Equal(1L, await database.ScalarAsync<long>("SELECT count(*) FROM usage_anomalies WHERE metric = 'cost_usd' AND scope = 'global'"));
    }

    private static UsageIngested Costing(DateTimeOffset at, decimal usd) => new()
    {
        Usage = new UsageRecorded
        {
            RequestId = Guid.NewGuid().ToString("N"), OccurredAt = at, Provider = "steady", Model = "m", Outcome = Outcomes.Succeeded, InputTokens = 10, LatencyMs = 100,
        },
        Cost = new UsageCost { Priced = true, TotalUsd = usd, OutputUsd = usd },
        IngestedAt = at,
        Source = "test",
    };
}
