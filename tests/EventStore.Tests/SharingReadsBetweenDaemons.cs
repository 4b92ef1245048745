using Npgsql;
using TokenOptimizer.Testing;
using Xunit;

namespace TokenOptimizer.EventStore.Tests;

/// <summary>
/// The daemons of one process read the log through one <see cref="SharedLogReader"/>: what it returns must be
/// exactly what a direct read returns, whichever span was cached, extended or evicted before.
/// </summary>
public sealed class SharingReadsBetweenDaemons(PostgresDatabaseFixture database) : IClassFixture<PostgresDatabaseFixture>
{
    [Fact]
    public async Task SharedReads_EqualDirectReads_AcrossSpans_FiltersAndAGrowingLog()
    {
        // Given a log read through tiny spans and a tiny cache, so reads cross spans and evict them
        await using var dataSource = NpgsqlDataSource.Create(database.ConnectionString);
        var log = await EventLog.OpenAsync(dataSource, TestEvents.Registry());
        var reader = new SharedLogReader(log, spanSize: 5, maxSpans: 3);
        var onlyThings = (Func<StoredEvent, bool>)(e => e.Type == "thing_happened");
        var everything = (Func<StoredEvent, bool>)(_ => true);

        for (var round = 0; round < 4; round++)
        {
            // When the log grows between rounds (the head span must be read on, not served stale)
            for (var i = 0; i < 9; i++)
            {
                await log.AppendAsync($"shared-{Guid.NewGuid()}", ExpectedVersion.NoStream, [new ThingHappened(i), new OtherThingHappened("x")]);
            }

            var all = await log.ReadAllAsync(0, int.MaxValue);
            var last = all[^1].Sequence;
            foreach (var (filter, name) in new[] { (everything, "all"), (onlyThings, "things") })
            {
                foreach (var after in new long[] { 0, 3, 5, 11, last - 2, last })
                {
                    foreach (var limit in new[] { 1, 4, 7, 1000 })
                    {
                        // Then each read returns the first `limit` wanted events after `after`, and how far it looked
                        var expected = all.Where(e => e.Sequence > after && filter(e)).Take(limit).ToList();
                        var (events, reached) = await reader.ReadAsync("test", after, last, filter, limit, CancellationToken.None);
                        var because = $"round {round}, {name}, after {after}, limit {limit}";
                        Assert.True(expected.Select(e => e.Sequence).SequenceEqual(events.Select(e => e.Sequence)), because);
                        Assert.True(expected.Zip(events).All(pair => Equals(pair.First.Data, pair.Second.Data)), because);
                        Assert.Equal(expected.Count == limit ? expected[^1].Sequence : Math.Max(last, after), reached);
                    }
                }
            }
        }
    }

    [Fact]
    public async Task AFastAndASlowReaderCatchingUp_ShareEverySpanInsteadOfReadingItTwice()
    {
        // Given a log of about 40 spans and a cache of 3, so a fast reader could run far past a slow one
        await using var dataSource = NpgsqlDataSource.Create(database.ConnectionString);
        var (log, first) = await LogGrownByAsync(dataSource, 100);
        var all = (await log.ReadAllAsync(first, int.MaxValue)).Select(e => e.Sequence).ToList();
        var last = all[^1];
        const int spanSize = 5;
        var reader = new SharedLogReader(log, spanSize, maxSpans: 3, idleAfter: TimeSpan.FromSeconds(30));

        // When a fast reader (20 events a read) and a slow one (1 a read) read it all at the same time
        async Task<List<long>> ReadAllAsync(string name, int limit)
        {
            var seen = new List<long>();
            var position = first;
            while (position < last)
            {
                var (events, reached) = await reader.ReadAsync(name, position, last, _ => true, limit, CancellationToken.None);
                seen.AddRange(events.Select(e => e.Sequence));
                position = reached;
                await Task.Yield();
            }

            return seen;
        }

        // The slow one starts first, so it has asked for its first span before the fast one can run ahead.
        var slow = ReadAllAsync("slow", 1);
        var fast = ReadAllAsync("fast", 20);
        var read = await Task.WhenAll(fast, slow).WaitAsync(TimeSpan.FromSeconds(30));

        // Then both saw every event, and PostgreSQL was asked for each span once: the fast reader waited rather
        // than evict what the slow one still needed. A few may be read twice: the head's last two are read without
        // waiting, and on a busy machine the two interleave so a handful more are (41 spans gave 41 to 45 reads).
        Assert.Equal(all, read[0]);
        Assert.Equal(all, read[1]);
        var spans = (last - 1) / spanSize - first / spanSize + 1;
        Assert.InRange(reader.SpansRead, spans, spans * 5 / 4); // without pacing: over five times as many
    }

    [Fact]
    public async Task AReaderThatStopped_HoldsNoOneBack()
    {
        // Given a reader that read the first event of a long log and then stopped (its daemon failed or lost its lock)
        await using var dataSource = NpgsqlDataSource.Create(database.ConnectionString);
        var (log, first) = await LogGrownByAsync(dataSource, 50);
        var last = (await log.ReadAllAsync(first, int.MaxValue))[^1].Sequence;
        var reader = new SharedLogReader(log, spanSize: 5, maxSpans: 3, idleAfter: TimeSpan.FromMilliseconds(300));
        await reader.ReadAsync("stopped", first, last, _ => true, 1, CancellationToken.None);

        // When another reader reads the whole log
        var (events, reached) = await reader.ReadAsync("running", first, last, _ => true, int.MaxValue, CancellationToken.None)
            .WaitAsync(TimeSpan.FromSeconds(20));

        // Then it gets everything once the stopped one counts as idle
        Assert.Equal(100, events.Count);
        Assert.Equal(last, reached);
    }

    // The log after `pairs` more streams of two events, and the last sequence before them.
    private static async Task<(EventLog Log, long Before)> LogGrownByAsync(NpgsqlDataSource dataSource, int pairs)
    {
        var log = await EventLog.OpenAsync(dataSource, TestEvents.Registry());
        var before = (await log.ReadAllAsync(0, int.MaxValue)).LastOrDefault()?.Sequence ?? 0;
        for (var i = 0; i < pairs; i++)
        {
            await log.AppendAsync($"grown-{Guid.NewGuid()}", ExpectedVersion.NoStream, [new ThingHappened(i), new OtherThingHappened("x")]);
        }

        return (log, before);
    }

    [Fact]
    public async Task ProjectionsFollowingOneLog_EachApplyEveryEventOnce()
    {
        // Given three projections, one of them filtered, running together over one log (one shared reader)
        await using var dataSource = NpgsqlDataSource.Create(database.ConnectionString);
        var log = await EventLog.OpenAsync(dataSource, TestEvents.Registry());
        var name = "shared_" + Guid.NewGuid().ToString("N")[..8];
        RecordingProjection[] projections =
        [
            new(name + "_a"), new(name + "_b"), new(name + "_c", eventTypes: ["thing_happened"]),
        ];
        foreach (var projection in projections)
        {
            await projection.EnsureTableAsync(dataSource);
        }

        using var stop = new CancellationTokenSource();
        var daemons = projections.Select(p => new ProjectionDaemon(log, p, new ProjectionDaemonOptions { BatchSize = 3, PollInterval = TimeSpan.FromMilliseconds(50) })
            .RunAsync(stop.Token)).ToList();

        // When events of every projection's streams arrive while they run
        for (var i = 0; i < 40; i++)
        {
            foreach (var projection in projections)
            {
                await log.AppendAsync($"{projection.Name}-{Guid.NewGuid()}", ExpectedVersion.NoStream, [new ThingHappened(i), new OtherThingHappened("x")]);
            }
        }

        // Then each applied each of its 40 events exactly once
        await Eventually.UntilAsync(
            async () => (await Task.WhenAll(projections.Select(p => p.CountAsync(dataSource)))).All(count => count.Rows >= 40),
            TimeSpan.FromSeconds(20),
            "every projection should apply its 40 events");
        await stop.CancelAsync();
        await Task.WhenAll(daemons).ContinueWith(_ => { }, TaskScheduler.Default);
        foreach (var projection in projections)
        {
            Assert.Equal((40L, 40L), await projection.CountAsync(dataSource));
        }
    }
}
