using Npgsql;
using TokenOptimizer.Aggregation.RunningProjections;
using TokenOptimizer.Aggregation.RollingUpUsage;
using TokenOptimizer.ReadModels;
using TokenOptimizer.Testing;
using TokenOptimizer.UsageLog;
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
        await TestUsage.AppendAsync(interrupted.Store, events);
        await TestUsage.AppendAsync(steady.Store, events);
        await interrupted.ScalarAsync<int>(CrashingProjection.Ddl + " SELECT 1");

        // When one daemon dies in the middle of every third page (its transaction never commits) and carries on after each
        var crashing = new CrashingProjection(interrupted.Rollups(), batch => batch % 3 == 2);
        await interrupted.Daemon(crashing, batchSize: 400).CatchUpAsync();
        var crashes = crashing.Crashes;

        await steady.Daemon(steady.Rollups(), batchSize: 1_000).CatchUpAsync();

        // Then it crashed, yet its read models equal the other's and no event was applied twice
        Assert.True(crashes >= 2, $"{crashes} crashes");
        Assert.Equal(await ReadModelSnapshot.OfAsync(steady.DataSource, RollupTables), await ReadModelSnapshot.OfAsync(interrupted.DataSource, RollupTables));
        Assert.Equal(0L, await interrupted.ScalarAsync<long>("SELECT count(*) - count(DISTINCT seq) FROM applied_events"));
    }

    [Fact]
    public async Task DatabaseFaultWhileWritingAPage_IsRetried_AndLosesNothing()
    {
        // Given events, and a read model whose every third page write fails as a lost connection does
        await using var database = await TestDatabase.CreateAsync();
        var events = TestUsage.Generate(2_000, seed: 23);
        await TestUsage.AppendAsync(database.Store, events);
        var faulting = new FaultingProjection(database.Rollups(), page => page % 3 == 2);

        // When the daemon catches up
        await database.Daemon(faulting, batchSize: 300).CatchUpAsync();

        // Then the faults happened, and every event is in the rollups once
        Assert.True(faulting.Faults >= 2, $"{faulting.Faults} faults");
        Assert.Equal(events.Count, await database.ScalarAsync<decimal>("SELECT sum(request_count) FROM usage_rollup_day"));
    }

    [Fact]
    public async Task RebuildFromZero_EqualsTheIncrementalReadModels()
    {
        // Given read models built incrementally, small batches at a time, while events kept arriving
        await using var database = await TestDatabase.CreateAsync();
        var daemon = database.Daemon(database.Rollups(), batchSize: 137);
        foreach (var seed in new[] { 1, 2, 3, 4 })
        {
            await TestUsage.AppendAsync(database.Store, TestUsage.Generate(800, seed));
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
            await TestUsage.AppendAsync(database.Store, chunk);
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
    public async Task MalformedEvent_IsDeadLetteredAndSkipped_AndAnEventOfAnUnknownTypeIsPassedOver()
    {
        // Given good events around a malformed usage_ingested and an event of a type this deployment does not know (as
        // Marten stores it: with the CLR type of whoever wrote it, here one that is not loaded)
        await using var database = await TestDatabase.CreateAsync();
        var before = TestUsage.Generate(300, seed: 31);
        var after = TestUsage.Generate(300, seed: 32);
        await TestUsage.AppendAsync(database.Store, before);
        await database.ScalarAsync<int>($"""
            INSERT INTO {EventStoreTables.Streams} (id, version) VALUES ('usage:0::broken', 1), ('mystery-1', 1);
            INSERT INTO {EventStoreTables.Events} (seq_id, id, stream_id, version, type, data, timestamp, mt_dotnet_type) VALUES
              (nextval('{UsageEventStore.Schema}.mt_events_sequence'), gen_random_uuid(), 'usage:0::broken', 1, 'usage_ingested', '{"{"}"usage": {"{"}"requestId": 42{"}"}{"}"}', now(), '{typeof(UsageIngested).AssemblyQualifiedName}'),
              (nextval('{UsageEventStore.Schema}.mt_events_sequence'), gen_random_uuid(), 'mystery-1', 1, 'mystery_happened', '{"{"}{"}"}', now(), 'Nowhere.MysteryHappened, Nowhere');
            SELECT 1
            """);
        await TestUsage.AppendAsync(database.Store, after);

        // When the daemon catches up
        var daemon = database.Daemon(database.Rollups(), batchSize: 1_000);
        await daemon.CatchUpAsync();

        // Then the malformed one is a dead letter with its sequence number, the unknown one was passed over (Marten
        // skips, and logs, the types a deployment does not know: a newer version's events must not stop an older one),
        // and every other event was applied
        var error = Assert.Single(await daemon.ReadErrorsAsync());
        Assert.Equal("usage_ingested", error.EventType);
        Assert.Equal(before.Count + 1, error.Sequence);
        Assert.Equal(before.Count + after.Count, await database.ScalarAsync<decimal>("SELECT sum(request_count) FROM usage_rollup_day"));
        Assert.Equal(await database.ScalarAsync<long>($"SELECT max(seq_id) FROM {EventStoreTables.Events}"), await daemon.ReadCheckpointAsync());
    }

    [Fact]
    public async Task EventThatMakesTheProjectionThrow_IsIsolatedRecordedAndSkipped()
    {
        // Given a projection that fails on one event only (a bug meeting odd data), in the middle of a batch
        await using var database = await TestDatabase.CreateAsync();
        await TestUsage.AppendAsync(database.Store, TestUsage.Generate(200, seed: 41));
        var poison = await database.ScalarAsync<long>($"SELECT seq_id FROM {EventStoreTables.Events} ORDER BY seq_id OFFSET 120 LIMIT 1");
        var projection = new PoisonedProjection(database.Rollups(), poison);

        // When the daemon catches up in batches of 100
        var daemon = database.Daemon(projection, batchSize: 100);
        await daemon.CatchUpAsync();

        // Then that one event is recorded with its sequence and reason, and all 199 others are in the rollups
        var error = Assert.Single(await daemon.ReadErrorsAsync());
        Assert.Equal(poison, error.Sequence);
        Assert.Contains("poisoned", error.Reason, StringComparison.Ordinal);
        Assert.Equal(199m, await database.ScalarAsync<decimal>("SELECT sum(request_count) FROM usage_rollup_day"));

        // And the culprit was named by the projection, not found by retrying its 100 events one by one: two pages, one applied twice
        Assert.InRange(projection.Attempts, 2, 4);
    }

    private sealed class FaultingProjection(ReadModelProjection inner, Func<int, bool> faultOnPage) : ReadModelProjection
    {
        private int _pages;

        public override string Name => inner.Name;

        public override IReadOnlyCollection<string> EventTypes => inner.EventTypes;

        public int Faults { get; private set; }

        public override async Task ApplyAsync(IReadOnlyList<StoredEvent> events, NpgsqlConnection connection, NpgsqlTransaction transaction, CancellationToken cancellationToken)
        {
            if (faultOnPage(Interlocked.Increment(ref _pages)))
            {
                Faults++;
                throw new NpgsqlException("The connection was lost (simulated).", new TimeoutException());
            }

            await inner.ApplyAsync(events, connection, transaction, cancellationToken);
        }

        public override Task ResetAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, CancellationToken cancellationToken) => inner.ResetAsync(connection, transaction, cancellationToken);
    }

    private sealed class PoisonedProjection(ReadModelProjection inner, long poison) : ReadModelProjection
    {
        public override string Name => inner.Name;

        public override IReadOnlyCollection<string> EventTypes => inner.EventTypes;

        /// <summary>How many pages the daemon asked it to check (a page is checked again once its poison is taken out).</summary>
        public int Attempts { get; private set; }

        public override void Admit(StoredEvent stored)
        {
            if (stored.Sequence == poison)
            {
                throw new InvalidOperationException($"poisoned event {poison}");
            }
        }

        public override Task ApplyAsync(IReadOnlyList<StoredEvent> events, NpgsqlConnection connection, NpgsqlTransaction transaction, CancellationToken cancellationToken)
        {
            Attempts++;
            return inner.ApplyAsync(events, connection, transaction, cancellationToken);
        }

        public override Task ResetAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, CancellationToken cancellationToken) => inner.ResetAsync(connection, transaction, cancellationToken);
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
