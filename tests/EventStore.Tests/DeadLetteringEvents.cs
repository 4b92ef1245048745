using Npgsql;
using TokenOptimizer.Testing;
using Xunit;

namespace TokenOptimizer.EventStore.Tests;

public sealed class DeadLetteringEvents(PostgresDatabaseFixture database) : IClassFixture<PostgresDatabaseFixture>
{
    private static readonly ProjectionDaemonOptions DeadLettering = new() { BatchSize = 50, SkipFailingEvents = true };
    private static readonly HashSet<int> FourInARow = [40, 41, 42, 43];

    [Fact]
    public async Task FourPoisonEventsInARow_AreDeadLetteredAndEveryEventAfterThemApplied()
    {
        // Given 100 events, four of them in a row that the projection cannot apply (more than the old limit of three skips)
        var (dataSource, log, recording) = await OpenAsync("four", 100);
        var daemon = new ProjectionDaemon(log, new FaultyProjection(recording, FourInARow), DeadLettering);

        // When the daemon catches up
        var reached = await daemon.CatchUpAsync();

        // Then the four are dead letters with their reason, and the 96 others, those after them too, are applied once each
        var letters = await daemon.ReadErrorsAsync();
        Assert.Equal(4, letters.Count);
        Assert.All(letters, l => Assert.Contains("too large", l.Reason, StringComparison.Ordinal));
        Assert.Equal((96L, 96L), await recording.CountAsync(dataSource));
        Assert.Equal((await log.ReadAllAsync(0, int.MaxValue))[^1].Sequence, reached);
    }

    [Fact]
    public async Task ReplayAfterTheFix_AppliesTheDeadLettersAndRemovesThem()
    {
        // Given four dead letters
        var (dataSource, log, recording) = await OpenAsync("fixed", 60);
        var projection = new FaultyProjection(recording, FourInARow);
        var daemon = new ProjectionDaemon(log, projection, DeadLettering);
        await daemon.CatchUpAsync();

        // When the projection is fixed and the letters replayed
        projection.Fixed = true;
        var replay = await daemon.ReplayDeadLettersAsync();

        // Then each applied once, and none is left
        Assert.Equal(new DeadLetterReplay(projection.Name, Applied: 4, StillFailing: 0), replay);
        Assert.Empty(await daemon.ReadErrorsAsync());
        Assert.Equal((60L, 60L), await recording.CountAsync(dataSource));
    }

    [Fact]
    public async Task ReplayWithoutAFix_KeepsTheLettersWithTheNewReason()
    {
        // Given four dead letters, their reason made stale
        var (dataSource, log, recording) = await OpenAsync("unfixed", 60);
        var daemon = new ProjectionDaemon(log, new FaultyProjection(recording, FourInARow), DeadLettering);
        await daemon.CatchUpAsync();
        await using (var stale = dataSource.CreateCommand("UPDATE projection_errors SET reason = 'stale', recorded_at = now() - interval '1 day' WHERE projection = $1"))
        {
            stale.Parameters.Add(new NpgsqlParameter { Value = recording.Name });
            await stale.ExecuteNonQueryAsync();
        }

        // When they are replayed while the projection still fails on them
        var replay = await daemon.ReplayDeadLettersAsync();

        // Then all four stay, with this failure's reason and time, and nothing was applied
        Assert.Equal(new DeadLetterReplay(recording.Name, Applied: 0, StillFailing: 4), replay);
        var letters = await daemon.ReadErrorsAsync();
        Assert.Equal(4, letters.Count);
        Assert.All(letters, l => Assert.Contains("too large", l.Reason, StringComparison.Ordinal));
        Assert.All(letters, l => Assert.True(l.RecordedAt > DateTimeOffset.UtcNow.AddHours(-1), $"failed at {l.RecordedAt}"));
        Assert.Equal((56L, 56L), await recording.CountAsync(dataSource));
    }

    [Fact]
    public async Task LostConnection_IsRetriedNeverDeadLettered()
    {
        // Given a projection whose first two batches fail as if the database connection dropped
        var (dataSource, log, recording) = await OpenAsync("transient", 30);
        var projection = new FaultyProjection(recording, poisoned: new HashSet<int>(), failOnCall: call => call <= 2 ? FaultyProjection.ConnectionLost() : null);
        var daemon = new ProjectionDaemon(log, projection, DeadLettering);

        // When the daemon meets it, and is restarted as its host does
        await Assert.ThrowsAsync<NpgsqlException>(() => daemon.CatchUpAsync());
        await Assert.ThrowsAsync<NpgsqlException>(() => daemon.CatchUpAsync());
        await daemon.CatchUpAsync();

        // Then nothing was set aside and every event is applied
        Assert.Empty(await daemon.ReadErrorsAsync());
        Assert.Equal((30L, 30L), await recording.CountAsync(dataSource));
    }

    [Fact]
    public async Task MissingTable_StopsTheDaemonInsteadOfDeadLetteringEveryEvent()
    {
        // Given a projection whose table is gone (a deployment's fault, which every event would meet alike)
        var (dataSource, log, recording) = await OpenAsync("undeployed", 20);
        var missingTable = new PostgresException("relation \"applied\" does not exist", "ERROR", "ERROR", "42P01");
        var daemon = new ProjectionDaemon(log, new FaultyProjection(recording, new HashSet<int>(), call => call == 1 ? missingTable : null), DeadLettering);

        // When the daemon meets it, then runs again once it is deployed
        await Assert.ThrowsAsync<PostgresException>(() => daemon.CatchUpAsync());
        await daemon.CatchUpAsync();

        // Then no event was set aside, and every one applied
        Assert.Empty(await daemon.ReadErrorsAsync());
        Assert.Equal((20L, 20L), await recording.CountAsync(dataSource));
    }

    private async Task<(NpgsqlDataSource DataSource, EventLog Log, RecordingProjection Recording)> OpenAsync(string purpose, int count)
    {
        var name = purpose + "_" + Guid.NewGuid().ToString("N")[..8];
        var dataSource = NpgsqlDataSource.Create(database.ConnectionString);
        var log = await EventLog.OpenAsync(dataSource, TestEvents.Registry());
        for (var number = 0; number < count; number++)
        {
            await log.AppendAsync($"{name}-{number}", ExpectedVersion.NoStream, [new ThingHappened(number)]);
        }

        var recording = new RecordingProjection(name);
        await recording.EnsureTableAsync(dataSource);
        return (dataSource, log, recording);
    }
}
