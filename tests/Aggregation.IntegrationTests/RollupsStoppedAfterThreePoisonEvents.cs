using System.Diagnostics.Metrics;
using System.Net.Http.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.Metrics.Testing;
using TokenOptimizer.Aggregation.RunningProjections;
using TokenOptimizer.EventStore.Schema;
using TokenOptimizer.Testing;
using TokenOptimizer.UsageLog;
using Xunit;

namespace TokenOptimizer.Aggregation.IntegrationTests;

/// <summary>
/// Regression: four records with <c>latencyMs: 1e300</c> made <c>usage_rollups</c> overflow, skip three of them and then
/// stop for good, freezing every dashboard figure while nothing said so.
/// </summary>
public sealed class RollupsStoppedAfterThreePoisonEvents
{
    [Fact]
    public async Task FourEventsWithAnOverflowingLatency_AreDeadLetteredShownAndTheProjectionsGoOn()
    {
        // Given good events, four poison ones appended straight to the log (no validation on this path), and more good ones
        await using var host = new AggregationHost();
        await host.InitializeAsync();
        using var deadLetterGauge = new MetricCollector<long>(host.Services.GetRequiredService<IMeterFactory>(), ProjectionMetrics.MeterName, "tokenoptimizer.projection.dead_letters");
        var (good, poison) = await AppendWithPoisonAsync(host);

        // When every projection has passed them
        var projections = (await host.Http.GetFromJsonAsync<List<ProjectionState>>("/v1/projections"))!.Select(p => p.Name).ToList();
        await ProjectionsCaughtUp.WaitAsync(host.DataSource, projections, TimeSpan.FromSeconds(60));

        // Then the rollups hold every good event, those after the poison too
        Assert.Equal(good, await host.ScalarAsync<decimal>("SELECT coalesce(sum(request_count), 0) FROM usage_rollup_day"));

        // And the four are usage_rollups' dead letters (every dead letter is one of them), each with its event, type, reason and time
        var states = (await host.Http.GetFromJsonAsync<List<ProjectionState>>("/v1/projections"))!;
        var rollups = states.Single(s => s.Name == "usage_rollups");
        Assert.Equal(poison, rollups.Letters.Select(l => l.Sequence));
        Assert.All(rollups.Letters, l => Assert.Equal("usage_ingested", l.EventType));
        Assert.All(rollups.Letters, l => Assert.False(string.IsNullOrWhiteSpace(l.Reason)));
        Assert.All(states.SelectMany(s => s.Letters), l => Assert.Contains(l.Sequence, poison));
        Assert.All(states, s => Assert.Equal(0, s.Lag));

        // And /health says Degraded, naming them, and the gauge counts them
        var health = await host.Client(null).GetStringAsync("/health");
        Assert.Equal("Degraded", health);
        await Eventually.UntilAsync(() =>
        {
            deadLetterGauge.RecordObservableInstruments();
            return deadLetterGauge.GetMeasurementSnapshot().LastOrDefault(m => Equals(m.Tags["projection"], "usage_rollups"))?.Value == 4;
        }, TimeSpan.FromSeconds(10), "the dead-letter gauge should count usage_rollups' four");
    }

    [Fact]
    public async Task ReplayWithoutAFix_KeepsTheLettersWithTheNewReasonAndLaterEventsStillApply()
    {
        // Given usage_rollups' four dead letters
        await using var host = new AggregationHost();
        await host.InitializeAsync();
        var (good, poison) = await AppendWithPoisonAsync(host);
        await ProjectionsCaughtUp.WaitAsync(host.DataSource, ["usage_rollups"], TimeSpan.FromSeconds(60));
        await host.ScalarAsync<int>($"UPDATE {ProjectionErrorsTable.Name} SET reason = 'stale' WHERE projection = 'usage_rollups'; SELECT 1");

        // When an admin replays them while the events still overflow
        using var response = await host.Http.PostAsync("/v1/projections/usage_rollups/dead-letters/replay", null);
        var replayed = await response.Content.ReadFromJsonAsync<DeadLetterReplayed>();

        // Then all four are kept with this attempt's reason, and the projection goes on with new events
        Assert.Equal(new DeadLetterReplayed("usage_rollups", Applied: 0, StillFailing: 4), replayed);
        var letters = (await host.Http.GetFromJsonAsync<List<DeadLetter>>("/v1/projections/usage_rollups/dead-letters"))!;
        Assert.Equal(poison, letters.Select(l => l.Sequence));
        Assert.All(letters, l => Assert.NotEqual("stale", l.Reason));
        var more = TestUsage.Generate(100, seed: 73);
        await TestUsage.AppendAsync(host.Log, more);
        await ProjectionsCaughtUp.WaitAsync(host.DataSource, ["usage_rollups"], TimeSpan.FromSeconds(60));
        Assert.Equal(good + more.Count, await host.ScalarAsync<decimal>("SELECT coalesce(sum(request_count), 0) FROM usage_rollup_day"));
    }

    [Fact]
    public async Task ReplayOfAnUnknownProjection_IsANotFoundProblem()
    {
        await using var host = new AggregationHost();
        await host.InitializeAsync();

        using var response = await host.Http.PostAsync("/v1/projections/no_such_projection/dead-letters/replay", null);

        Assert.Equal(System.Net.HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    // 300 good events, 4 with a latency no decimal holds, 300 more; returns the good count and the poison's sequences.
    private static async Task<(int Good, long[] Poison)> AppendWithPoisonAsync(AggregationHost host)
    {
        var before = TestUsage.Generate(300, seed: 71);
        var after = TestUsage.Generate(300, seed: 72);
        var poison = TestUsage.Generate(4, seed: 70).Select(e => e with { Usage = e.Usage with { LatencyMs = 1e300 } }).ToList();
        await TestUsage.AppendAsync(host.Log, before);
        await TestUsage.AppendAsync(host.Log, poison);
        await TestUsage.AppendAsync(host.Log, after);
        await using var command = host.DataSource.CreateCommand($"SELECT seq FROM {EventsTable.Name} WHERE stream_id = ANY($1) ORDER BY seq");
        command.Parameters.Add(new Npgsql.NpgsqlParameter { Value = poison.Select(p => UsageStreams.For(p.Usage)).ToArray() });
        var sequences = new List<long>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            sequences.Add(reader.GetInt64(0));
        }

        return (before.Count + after.Count, [.. sequences]);
    }
}
