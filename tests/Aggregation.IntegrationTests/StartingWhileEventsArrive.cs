using TokenOptimizer.ReadModels;
using TokenOptimizer.Testing;
using TokenOptimizer.UsageLog;
using Xunit;

namespace TokenOptimizer.Aggregation.IntegrationTests;

/// <summary>
/// A service started on an empty store while producers already append (a first start, or a new database): the daemon's
/// first run applies every event, whether it arrived before, during or after that first page.
/// </summary>
public sealed class StartingWhileEventsArrive
{
    [Fact]
    public async Task EventsAppendedByManyWritersAsTheDaemonFirstStarts_AreEachAppliedOnce()
    {
        // Given a service whose daemon has never run, and eight writers appending from the moment it starts
        await using var host = new AggregationHost();
        var starting = host.InitializeAsync();
        var calls = TestUsage.Generate(4_000, seed: 91);
        await starting;
        await Task.WhenAll(calls.Chunk(500).Select(part => Task.Run(async () =>
        {
            foreach (var few in part.Chunk(50))
            {
                await TestUsage.AppendAsync(host.Store, few);
            }
        })));

        // When the daemon has passed them all
        await ProjectionsCaughtUp.WaitAsync(host.DataSource, ["read models"], TimeSpan.FromSeconds(90));

        // Then each is in the request log and the rollups once (the events missing from the log named by sequence ranges)
        var missing = await host.ScalarAsync<string>($"""
            SELECT coalesce(string_agg(first || '-' || last || ' (' || n || ')', ', ' ORDER BY first), 'none') FROM (
                SELECT min(seq_id) AS first, max(seq_id) AS last, count(*) AS n FROM (
                    SELECT seq_id, seq_id - row_number() OVER (ORDER BY seq_id) AS run FROM {EventStoreTables.Events} e
                    WHERE type = 'usage_ingested' AND NOT EXISTS (SELECT 1 FROM {RequestLogTable.Name} r WHERE r.seq = e.seq_id)) gaps
                GROUP BY run) runs
            """);
        // When some are missing, what Marten's daemon recorded of the sequence gaps it passed over says why.
        var skips = missing == "none" ? "" : await host.ScalarAsync<string>(
            $"SELECT coalesce(json_agg(s)::text, 'none') FROM {UsageEventStore.Schema}.mt_high_water_skips s");
        Assert.True(missing == "none", $"missing from the request log: {missing}; the daemon's recorded skips: {skips}");
        Assert.Equal(calls.Count, await host.ScalarAsync<long>($"SELECT count(*) FROM {RequestLogTable.Name}"));
        Assert.Equal(calls.Count, await host.ScalarAsync<decimal>("SELECT coalesce(sum(request_count), 0) FROM usage_rollup_day"));
    }
}
