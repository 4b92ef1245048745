using Npgsql;
using TokenOptimizer.Testing;
using Xunit;

namespace TokenOptimizer.EventStore.Tests;

public sealed class RunningProjections(PostgresDatabaseFixture database) : IClassFixture<PostgresDatabaseFixture>
{
    private static readonly ProjectionDaemonOptions SmallBatches = new() { BatchSize = 7 };

    private async Task<(NpgsqlDataSource DataSource, EventLog Log)> OpenWithEventsAsync(string projection, int count)
    {
        var dataSource = NpgsqlDataSource.Create(database.ConnectionString);
        var log = await EventLog.OpenAsync(dataSource, TestEvents.Registry());
        await AppendAsync(log, projection, count);
        return (dataSource, log);
    }

    private static async Task AppendAsync(EventLog log, string projection, int count)
    {
        for (var i = 0; i < count; i++)
        {
            await log.AppendAsync($"{projection}-{Guid.NewGuid()}", ExpectedVersion.NoStream, [new ThingHappened(i), new OtherThingHappened("ignored")]);
        }
    }

    private static string NewName(string purpose) => purpose + "_" + Guid.NewGuid().ToString("N")[..8];

    [Fact]
    public async Task ProjectionResumedAfterCrash_AppliesEachEventOnce()
    {
        // Given events, and a projection that crashes in the middle of its third batch
        var name = NewName("crash");
        var (dataSource, log) = await OpenWithEventsAsync(name, 20);
        var crashing = new RecordingProjection(name, crashAfterRows: 9);
        await crashing.EnsureTableAsync(dataSource);
        await Assert.ThrowsAsync<InvalidOperationException>(() => new ProjectionDaemon(log, crashing, SmallBatches).CatchUpAsync());
        var checkpointAfterCrash = await new ProjectionDaemon(log, crashing, SmallBatches).ReadCheckpointAsync();

        // When it is restarted (without the fault) and more events arrive
        var restarted = new RecordingProjection(name);
        await new ProjectionDaemon(log, restarted, SmallBatches).CatchUpAsync();
        await AppendAsync(log, name, 5);
        var reached = await new ProjectionDaemon(log, restarted, SmallBatches).CatchUpAsync();

        // Then every event was applied exactly once, and the crashed batch left nothing behind
        Assert.True(checkpointAfterCrash > 0);
        var (rows, distinct) = await restarted.CountAsync(dataSource);
        Assert.Equal(25, rows);
        Assert.Equal(25, distinct);
        Assert.Equal((await log.ReadAllAsync(0, int.MaxValue))[^1].Sequence, reached);
    }

    [Fact]
    public async Task Rebuild_GivesTheSameReadModel()
    {
        var name = NewName("rebuild");
        var (dataSource, log) = await OpenWithEventsAsync(name, 12);
        var projection = new RecordingProjection(name);
        await projection.EnsureTableAsync(dataSource);
        var daemon = new ProjectionDaemon(log, projection, SmallBatches);
        await daemon.CatchUpAsync();
        var before = await projection.SnapshotAsync(dataSource);

        await daemon.RebuildAsync();

        Assert.NotEmpty(before);
        Assert.Equal(before, await projection.SnapshotAsync(dataSource));
    }

    [Fact]
    public async Task RunningDaemons_FollowNewEvents_AndOnlyOneAppliesEach()
    {
        // Given two daemons for the same projection, as two service instances would run
        var name = NewName("follow");
        var (dataSource, log) = await OpenWithEventsAsync(name, 3);
        var projection = new RecordingProjection(name);
        await projection.EnsureTableAsync(dataSource);
        using var stop = new CancellationTokenSource();
        var first = new ProjectionDaemon(log, projection, SmallBatches).RunAsync(stop.Token);
        var second = new ProjectionDaemon(log, projection, SmallBatches).RunAsync(stop.Token);

        // When events keep arriving
        await AppendAsync(log, name, 30);

        // Then the read model catches up, with each event applied once
        await Eventually.UntilAsync(
            async () => (await projection.CountAsync(dataSource)).Rows >= 33,
            TimeSpan.FromSeconds(20),
            "the daemons should apply all 33 events");
        await stop.CancelAsync();
        await Task.WhenAll(first, second).ContinueWith(_ => { }, TaskScheduler.Default);
        var (rows, distinct) = await projection.CountAsync(dataSource);
        Assert.Equal(33, rows);
        Assert.Equal(33, distinct);
    }
}
