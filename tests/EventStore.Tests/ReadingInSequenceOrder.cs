using Npgsql;
using TokenOptimizer.Testing;
using Xunit;

namespace TokenOptimizer.EventStore.Tests;

/// <summary>
/// A follower that reads "sequence above my checkpoint" must never miss an event, even while many
/// writers commit concurrently: sequence order has to be commit order.
/// </summary>
public sealed class ReadingInSequenceOrder(PostgresDatabaseFixture database) : IClassFixture<PostgresDatabaseFixture>
{
    private const int Writers = 8;
    private const int AppendsPerWriter = 60;

    [Fact]
    public async Task ConcurrentAppends_AreNeverSkippedByATailingReader()
    {
        // Given a log and a reader tailing it by checkpoint
        await using var dataSource = NpgsqlDataSource.Create(database.ConnectionString);
        var log = await EventLog.OpenAsync(dataSource, TestEvents.Registry());
        using var writersDone = new CancellationTokenSource();
        var seen = new List<StoredEvent>();
        var reader = Task.Run(async () =>
        {
            long checkpoint = 0;
            while (true)
            {
                var stopping = writersDone.IsCancellationRequested;
                var batch = await log.ReadAllAsync(checkpoint, 50);
                seen.AddRange(batch);
                checkpoint = batch.Count > 0 ? batch[^1].Sequence : checkpoint;
                if (stopping && batch.Count == 0)
                {
                    return;
                }
            }
        });

        // When many writers append at once, single events and bulk starts mixed
        var writers = Enumerable.Range(0, Writers).Select(writer => Task.Run(async () =>
        {
            for (var i = 0; i < AppendsPerWriter; i++)
            {
                if (i % 2 == 0)
                {
                    await log.AppendAsync($"w{writer}-{i}", ExpectedVersion.NoStream, [new ThingHappened(i), new ThingHappened(i)]);
                }
                else
                {
                    await log.StartStreamsAsync([new NewStream($"w{writer}-{i}", new ThingHappened(i))]);
                }
            }
        })).ToArray();
        await Task.WhenAll(writers);
        await writersDone.CancelAsync();
        await reader;

        // Then the reader saw every committed event exactly once, in ascending order
        var all = await log.ReadAllAsync(0, int.MaxValue);
        Assert.Equal(Writers * AppendsPerWriter * 3 / 2, all.Count);
        Assert.Equal(all.Select(e => e.Sequence), seen.Select(e => e.Sequence));
    }
}
