using Npgsql;
using TokenOptimizer.Testing;
using Xunit;

namespace TokenOptimizer.EventStore.Tests;

public sealed class RestartingAfterFaults(PostgresDatabaseFixture database) : IClassFixture<PostgresDatabaseFixture>
{
    private static readonly TimeSpan First = TimeSpan.FromMilliseconds(20);

    [Fact]
    public async Task FaultAfterASuccessfulPass_IsRetriedAfterTheFirstPauseAgain()
    {
        // Given a projection that fails like a lost connection on its first four batches and on its sixth
        var name = "backoff_" + Guid.NewGuid().ToString("N")[..8];
        var dataSource = NpgsqlDataSource.Create(database.ConnectionString);
        var log = await EventLog.OpenAsync(dataSource, TestEvents.Registry());
        var recording = new RecordingProjection(name);
        await recording.EnsureTableAsync(dataSource);
        var projection = new FaultyProjection(recording, poisoned: new HashSet<int>(), failOnCall: call => call is <= 4 or 6 ? FaultyProjection.ConnectionLost() : null);
        var daemon = new ProjectionDaemon(log, projection, new ProjectionDaemonOptions { PollInterval = TimeSpan.FromMilliseconds(20) });
        await log.AppendAsync($"{name}-1", ExpectedVersion.NoStream, [new ThingHappened(1)]);

        // When the daemon keeps running through the first four faults, applies the fifth batch, then meets the sixth fault
        var pauses = new List<TimeSpan>();
        using var stop = new CancellationTokenSource();
        var running = daemon.KeepRunningAsync(new RestartBackoff(First, TimeSpan.FromSeconds(5)), (_, pause) => { lock (pauses) { pauses.Add(pause); } }, stop.Token);
        await Eventually.UntilAsync(async () => (await recording.CountAsync(dataSource)).Rows == 1, TimeSpan.FromSeconds(20), "the first event applied after four faults");
        await log.AppendAsync($"{name}-2", ExpectedVersion.NoStream, [new ThingHappened(2)]);
        await Eventually.UntilAsync(async () => (await recording.CountAsync(dataSource)).Rows == 2, TimeSpan.FromSeconds(20), "the second event applied after the fifth fault");
        await stop.CancelAsync();
        await running;

        // Then the pauses doubled during the first outage, and the one after the success started over from the first
        Assert.Equal([First, First * 2, First * 4, First * 8, First], pauses);
    }
}
