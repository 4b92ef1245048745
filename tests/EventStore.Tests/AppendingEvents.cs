using Npgsql;
using TokenOptimizer.Testing;
using Xunit;

namespace TokenOptimizer.EventStore.Tests;

public sealed class AppendingEvents(PostgresDatabaseFixture database) : IClassFixture<PostgresDatabaseFixture>
{
    private async Task<EventLog> OpenAsync() =>
        await EventLog.OpenAsync(NpgsqlDataSource.Create(database.ConnectionString), TestEvents.Registry());

    [Fact]
    public async Task AppendThenFetch_ReturnsEventsInVersionOrder()
    {
        var log = await OpenAsync();
        var stream = "thing-" + Guid.NewGuid();

        var version = await log.AppendAsync(stream, ExpectedVersion.NoStream, [new ThingHappened(1), new OtherThingHappened("two")]);
        version = await log.AppendAsync(stream, version, [new ThingHappened(3)]);

        var events = await log.FetchStreamAsync(stream);
        Assert.Equal(3, version);
        Assert.Equal([1, 2, 3], events.Select(e => e.Version));
        Assert.Equal(new ThingHappened(1), events[0].Data);
        Assert.Equal(new OtherThingHappened("two"), events[1].Data);
        Assert.Equal("other_thing_happened", events[1].Type);
    }

    [Fact]
    public async Task StaleExpectedVersion_IsRefusedAndAppendsNothing()
    {
        var log = await OpenAsync();
        var stream = "thing-" + Guid.NewGuid();
        await log.AppendAsync(stream, ExpectedVersion.NoStream, [new ThingHappened(1)]);

        var refused = await Assert.ThrowsAsync<ConcurrencyException>(() => log.AppendAsync(stream, ExpectedVersion.NoStream, [new ThingHappened(2)]));

        Assert.Equal(1, refused.ActualVersion);
        Assert.Single(await log.FetchStreamAsync(stream));
    }

    [Fact]
    public async Task StartingTheSameStreamTwice_StoresItOnce()
    {
        var log = await OpenAsync();
        var stream = "thing-" + Guid.NewGuid();
        var other = "thing-" + Guid.NewGuid();

        var first = await log.StartStreamsAsync([new NewStream(stream, new ThingHappened(1)), new NewStream(stream, new ThingHappened(2))]);
        var second = await log.StartStreamsAsync([new NewStream(stream, new ThingHappened(3)), new NewStream(other, new ThingHappened(4))]);

        Assert.Equal([stream], first);
        Assert.Equal([other], second);
        var stored = Assert.Single(await log.FetchStreamAsync(stream));
        Assert.Equal(new ThingHappened(1), stored.Data);
    }

    [Fact]
    public async Task UnknownEventType_IsReadWithoutData()
    {
        var log = await OpenAsync();
        var stream = "thing-" + Guid.NewGuid();
        await log.AppendAsync(stream, ExpectedVersion.NoStream, [new ThingHappened(1)]);

        var stranger = new EventLog(log.DataSource, new EventTypeRegistry());
        var stored = Assert.Single(await stranger.FetchStreamAsync(stream));

        Assert.Equal("thing_happened", stored.Type);
        Assert.Null(stored.Data);
    }
}
