using Npgsql;
using TokenOptimizer.Aggregation.RollingUpUsage;
using TokenOptimizer.EventStore.Schema;
using TokenOptimizer.ReadModels;
using TokenOptimizer.Testing;
using Xunit;

namespace TokenOptimizer.Aggregation.IntegrationTests;

public sealed class RunningTheDaemon
{
    private static readonly string[] RollupTables = RollupGranularity.All.SelectMany(g => new[] { g.Table, g.TotalsTable, g.DimensionTable }).ToArray();

    [Fact]
    public async Task DaemonKilledMidBatchAndRestarted_GivesTheReadModelsOfOneThatNeverStopped()
    {
        // Given the same events in two databases
        await using var interrupted = await TestDatabase.CreateAsync();
        await using var steady = await TestDatabase.CreateAsync();
        var events = TestUsage.Generate(3_000, seed: 21);
        await TestUsage.AppendAsync(interrupted.Log, events);
        await TestUsage.AppendAsync(steady.Log, events);
        await interrupted.ScalarAsync<int>(CrashingProjection.Ddl + " SELECT 1");

        // When one daemon is killed in the middle of every third batch and restarted each time
        var crashes = 0;
        for (var attempt = 0; attempt < 50; attempt++)
        {
            var crashing = new CrashingProjection(interrupted.Rollups(), batch => batch % 3 == 2);
            try
            {
                await interrupted.Daemon(crashing, batchSize: 400).CatchUpAsync();
                break;
            }
            catch (OperationCanceledException)
            {
                crashes++;
            }
        }

        await steady.Daemon(steady.Rollups(), batchSize: 1_000).CatchUpAsync();

        // Then it crashed, yet its read models equal the other's and no event was applied twice
        Assert.True(crashes >= 2, $"{crashes} crashes");
        Assert.Equal(await ReadModelSnapshot.OfAsync(steady.DataSource, RollupTables), await ReadModelSnapshot.OfAsync(interrupted.DataSource, RollupTables));
        Assert.Equal(0L, await interrupted.ScalarAsync<long>("SELECT count(*) - count(DISTINCT seq) FROM applied_events"));
    }

    [Fact]
    public async Task RebuildFromZero_EqualsTheIncrementalReadModels()
    {
        // Given read models built incrementally, small batches at a time, while events kept arriving
        await using var database = await TestDatabase.CreateAsync();
        var daemon = database.Daemon(database.Rollups(), batchSize: 137);
        foreach (var seed in new[] { 1, 2, 3, 4 })
        {
            await TestUsage.AppendAsync(database.Log, TestUsage.Generate(800, seed));
            await daemon.CatchUpAsync();
        }

        var incremental = await ReadModelSnapshot.OfAsync(database.DataSource, RollupTables);

        // When the projection is rebuilt from the first event with another batch size
        await database.Daemon(database.Rollups(), batchSize: 2_000).RebuildAsync();

        // Then the read models are identical
        Assert.Equal(incremental, await ReadModelSnapshot.OfAsync(database.DataSource, RollupTables));
    }

    [Fact]
    public async Task TwoDaemonsOnOneDatabase_NeverBothApplyAnEvent()
    {
        // Given two daemons of the same projection running at once, as two service instances would
        await using var database = await TestDatabase.CreateAsync();
        await database.ScalarAsync<int>(CrashingProjection.Ddl + " SELECT 1");
        using var stop = new CancellationTokenSource();
        var first = Swallow(() => database.Daemon(new CrashingProjection(database.Rollups(), _ => false) { Label = "first" }, batchSize: 100).RunAsync(stop.Token));
        var second = Swallow(() => database.Daemon(new CrashingProjection(database.Rollups(), _ => false) { Label = "second" }, batchSize: 100).RunAsync(stop.Token));

        // When events arrive in several appends
        var events = TestUsage.Generate(2_000, seed: 8);
        foreach (var chunk in events.Chunk(250))
        {
            await TestUsage.AppendAsync(database.Log, chunk);
        }

        await Eventually.UntilAsync(async () => await database.ScalarAsync<long>("SELECT count(*) FROM applied_events") >= events.Count,
            TimeSpan.FromSeconds(30), "every event applied");
        await stop.CancelAsync();
        await Task.WhenAll(first, second);

        // Then each event was applied once, by one daemon only, and the totals add up
        Assert.Equal(events.Count, await database.ScalarAsync<long>("SELECT count(DISTINCT seq) FROM applied_events"));
        Assert.Equal(events.Count, await database.ScalarAsync<long>("SELECT count(*) FROM applied_events"));
        Assert.Equal(1L, await database.ScalarAsync<long>("SELECT count(DISTINCT applied_by) FROM applied_events"));
        Assert.Equal(events.Count, await database.ScalarAsync<decimal>("SELECT sum(request_count) FROM usage_rollup_hour"));
    }

    [Fact]
    public async Task MalformedAndUnknownEvents_AreRecordedAsErrorsAndSkipped()
    {
        // Given good events around a malformed usage_ingested and an event type nobody knows
        await using var database = await TestDatabase.CreateAsync();
        var before = TestUsage.Generate(300, seed: 31);
        var after = TestUsage.Generate(300, seed: 32);
        await TestUsage.AppendAsync(database.Log, before);
        await database.ScalarAsync<int>($"""
            INSERT INTO {EventsTable.Name} (stream_id, version, type, data) VALUES
              ('usage:0::broken', 1, 'usage_ingested', '{"{"}"usage": {"{"}"requestId": 42{"}"}{"}"}'),
              ('mystery-1', 1, 'mystery_happened', '{"{"}{"}"}');
            SELECT 1
            """);
        await TestUsage.AppendAsync(database.Log, after);

        // When the daemon catches up
        var daemon = database.Daemon(database.Rollups(), batchSize: 1_000);
        await daemon.CatchUpAsync();

        // Then both are recorded with their sequence numbers, and every other event was applied
        var errors = await daemon.ReadErrorsAsync();
        Assert.Equal(["usage_ingested", "mystery_happened"], errors.Select(e => e.Type));
        Assert.All(errors, e => Assert.True(e.Sequence > before.Count));
        Assert.Equal(before.Count + after.Count, await database.ScalarAsync<decimal>("SELECT sum(request_count) FROM usage_rollup_day"));
        Assert.Equal(await database.ScalarAsync<long>($"SELECT max(seq) FROM {EventsTable.Name}"), await daemon.ReadCheckpointAsync());
    }

    [Fact]
    public async Task EventThatMakesTheProjectionThrow_IsIsolatedRecordedAndSkipped()
    {
        // Given a projection that fails on one event only (a bug meeting odd data), in the middle of a batch
        await using var database = await TestDatabase.CreateAsync();
        await TestUsage.AppendAsync(database.Log, TestUsage.Generate(200, seed: 41));
        var poison = await database.ScalarAsync<long>("SELECT seq FROM events ORDER BY seq OFFSET 120 LIMIT 1");
        var projection = new PoisonedProjection(database.Rollups(), poison);

        // When the daemon catches up in batches of 100
        var daemon = database.Daemon(projection, batchSize: 100);
        await daemon.CatchUpAsync();

        // Then that one event is recorded with its sequence and reason, and all 199 others are in the rollups
        var error = Assert.Single(await daemon.ReadErrorsAsync());
        Assert.Equal(poison, error.Sequence);
        Assert.Contains("poisoned", error.Reason, StringComparison.Ordinal);
        Assert.Equal(199m, await database.ScalarAsync<decimal>("SELECT sum(request_count) FROM usage_rollup_day"));

        // And the culprit was found by halving the failed batch, not by retrying its 100 events one by one
        Assert.InRange(projection.Attempts, 4, 25);
    }

    private sealed class PoisonedProjection(TokenOptimizer.EventStore.IProjection inner, long poison) : TokenOptimizer.EventStore.IProjection
    {
        public string Name => inner.Name;

        /// <summary>How many batches the daemon asked it to apply.</summary>
        public int Attempts { get; private set; }

        public Task ApplyAsync(IReadOnlyList<TokenOptimizer.EventStore.StoredEvent> events, NpgsqlConnection connection, NpgsqlTransaction transaction, CancellationToken cancellationToken)
        {
            Attempts++;
            return events.Any(e => e.Sequence == poison)
                ? throw new InvalidOperationException($"poisoned event {poison}")
                : inner.ApplyAsync(events, connection, transaction, cancellationToken);
        }

        public Task ResetAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, CancellationToken cancellationToken) => inner.ResetAsync(connection, transaction, cancellationToken);
    }

    private static async Task Swallow(Func<Task> run)
    {
        try
        {
            await run();
        }
        catch (OperationCanceledException)
        {
        }
        catch (NpgsqlException)
        {
        }
    }
}
