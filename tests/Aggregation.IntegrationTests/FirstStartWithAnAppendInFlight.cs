using TokenOptimizer.Aggregation.LoggingRequests;
using TokenOptimizer.ReadModels;
using TokenOptimizer.Testing;
using TokenOptimizer.UsageLog;
using Xunit;

namespace TokenOptimizer.Aggregation.IntegrationTests;

/// <summary>
/// The read models' first start on a store with events, while an append that took its sequence number has not committed:
/// that append's event is applied once it commits (a first start replays the store before following it, and that replay
/// must stop below an append in flight too).
/// </summary>
public sealed class FirstStartWithAnAppendInFlight
{
    [Fact]
    public async Task TheLateCommittingEvent_IsApplied()
    {
        // Given 50 events, then an append holding its sequence number in an open transaction, and 100 events committed after it
        await using var database = await TestDatabase.CreateAsync();
        await TestUsage.AppendAsync(database.Store, TestUsage.Generate(50, seed: 140));
        await using var held = await database.DataSource.OpenConnectionAsync();
        await using var transaction = await held.BeginTransactionAsync();
        var late = TestUsage.Generate(1, seed: 141).Single();
        await UsageStreamsCopy.WriteAsync(database.Store, [(UsageStreams.For(late.Usage), late)], held, transaction, CancellationToken.None);
        await TestUsage.AppendAsync(database.Store, TestUsage.Generate(100, seed: 142));

        // When the read models' daemon starts for the first time, and then the held append commits
        using var stop = new CancellationTokenSource();
        var daemon = database.Daemon(new UsageLogProjection());
        var running = daemon.RunAsync(stop.Token);
        await Eventually.UntilAsync(async () => await database.ScalarAsync<long>($"SELECT count(*) FROM {RequestLogTable.Name}") > 0,
            TimeSpan.FromSeconds(30), "the daemon applies the committed events before the held one commits");
        await transaction.CommitAsync();

        // Then every event, the late one too, is in the request log
        var last = await database.ScalarAsync<long>($"SELECT max(seq_id) FROM {EventStoreTables.Events}");
        await Eventually.UntilAsync(async () => await daemon.ReadCheckpointAsync() >= last, TimeSpan.FromSeconds(30), "the daemon passes the last event");
        await stop.CancelAsync();
        try
        {
            await running;
        }
        catch (OperationCanceledException)
        {
        }

        Assert.Equal(151, await database.ScalarAsync<long>($"SELECT count(*) FROM {RequestLogTable.Name}"));
    }
}
