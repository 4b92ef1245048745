using System.Net;
using Microsoft.Extensions.Options;
using Npgsql;
using Orleans.Configuration;
using Orleans.Runtime;
using TokenOptimizer.Aggregation.RunningTheCluster;
using TokenOptimizer.Testing;
using Xunit;

namespace TokenOptimizer.Aggregation.IntegrationTests;

/// <summary><see cref="PostgresMembershipTable"/> and <see cref="PostgresReminderTable"/> against the contracts their interfaces document.</summary>
public sealed class ClusteringOnPostgres(PostgresDatabaseFixture database) : IClassFixture<PostgresDatabaseFixture>, IAsyncLifetime
{
    private NpgsqlDataSource _dataSource = null!;

    public Task InitializeAsync()
    {
        _dataSource = NpgsqlDataSource.Create(database.ConnectionString);
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await _dataSource.DisposeAsync();

    private async Task<PostgresMembershipTable> TableAsync()
    {
        var table = new PostgresMembershipTable(_dataSource, Options.Create(new ClusterOptions { ClusterId = UniqueNames.Next("cluster"), ServiceId = "tests" }));
        await table.InitializeMembershipTable(tryInitTableVersion: true);
        return table;
    }

    private static MembershipEntry Silo(int port, SiloStatus status = SiloStatus.Active, DateTime? aliveAt = null) => new()
    {
        SiloAddress = SiloAddress.New(new IPEndPoint(IPAddress.Loopback, port), 7), Status = status, SiloName = $"silo-{port}", HostName = "test",
        ProxyPort = 0, StartTime = DateTime.UtcNow, IAmAliveTime = aliveAt ?? DateTime.UtcNow, SuspectTimes = [],
    };

    [Fact]
    public async Task ConcurrentInserts_AtOneTableVersion_OnlyOneWins()
    {
        // Given an empty table read at its first version
        var table = await TableAsync();
        var version = (await table.ReadAll()).Version;

        // When eight silos insert themselves at once, each at that version's successor
        var results = await Task.WhenAll(Enumerable.Range(0, 8).Select(i => Task.Run(() => table.InsertRow(Silo(30_000 + i), version.Next()))));

        // Then exactly one row went in, with the table at the next version and a new etag
        Assert.Single(results, won => won);
        var after = await table.ReadAll();
        Assert.Single(after.Members);
        Assert.Equal(version.Version + 1, after.Version.Version);
        Assert.NotEqual(version.VersionEtag, after.Version.VersionEtag);
    }

    [Fact]
    public async Task Insert_OfASiloAlreadyThere_Fails_AndLeavesTheVersion()
    {
        var table = await TableAsync();
        var entry = Silo(30_100);
        Assert.True(await table.InsertRow(entry, (await table.ReadAll()).Version.Next()));
        var version = (await table.ReadAll()).Version;

        Assert.False(await table.InsertRow(entry, version.Next()));
        Assert.Equal(version, (await table.ReadAll()).Version);
    }

    [Fact]
    public async Task Update_WithAStaleRowOrTableEtag_Fails_AndChangesNothing()
    {
        // Given a silo's row, read with its etag
        var table = await TableAsync();
        var entry = Silo(30_200);
        await table.InsertRow(entry, (await table.ReadAll()).Version.Next());
        var (read, etag) = (await table.ReadRow(entry.SiloAddress)).Members.Single();
        var version = (await table.ReadAll()).Version;

        // When it is updated with that etag, then again with the same (now stale) one, and with a stale table version
        read.Status = SiloStatus.ShuttingDown;
        var first = await table.UpdateRow(read, etag, version.Next());
        read.Status = SiloStatus.Dead;
        var stale = await table.UpdateRow(read, etag, (await table.ReadAll()).Version.Next());
        var (_, newEtag) = (await table.ReadRow(entry.SiloAddress)).Members.Single();
        var staleVersion = await table.UpdateRow(read, newEtag, version.Next());

        // Then only the first applied
        Assert.Equal((true, false, false), (first, stale, staleVersion));
        Assert.Equal(SiloStatus.ShuttingDown, (await table.ReadRow(entry.SiloAddress)).Members.Single().Item1.Status);
    }

    [Fact]
    public async Task IAmAlive_MovesOnlyTheHeartbeat_SoEtagsReadBeforeStayUsable()
    {
        var table = await TableAsync();
        var entry = Silo(30_300, aliveAt: DateTime.UtcNow.AddMinutes(-1));
        await table.InsertRow(entry, (await table.ReadAll()).Version.Next());
        var before = await table.ReadAll();
        var (read, etag) = before.Members.Single();

        read.IAmAliveTime = DateTime.UtcNow;
        await table.UpdateIAmAlive(read);

        var after = await table.ReadAll();
        Assert.Equal(read.IAmAliveTime, after.Members.Single().Item1.IAmAliveTime, TimeSpan.FromMilliseconds(1));
        Assert.Equal((before.Version, etag), (after.Version, after.Members.Single().Item2));
        Assert.True(await table.UpdateRow(read, etag, before.Version.Next()));
    }

    [Fact]
    public async Task Suspicions_AreKeptWithTheirSuspectsAndTimes()
    {
        var table = await TableAsync();
        var suspect = Silo(30_400);
        var voter = SiloAddress.New(new IPEndPoint(IPAddress.Loopback, 30_401), 3);
        var at = new DateTime(2026, 12, 1, 10, 0, 0, DateTimeKind.Utc);
        suspect.AddSuspector(voter, at);

        await table.InsertRow(suspect, (await table.ReadAll()).Version.Next());

        var (read, _) = (await table.ReadRow(suspect.SiloAddress)).Members.Single();
        var suspicion = Assert.Single(read.SuspectTimes!);
        Assert.Equal((voter, at), (suspicion.Item1, suspicion.Item2));
    }

    [Fact]
    public async Task CleanupOfDefunctSilos_DeletesDeadOnesLastAliveBeforeTheDate_Only()
    {
        var table = await TableAsync();
        foreach (var entry in new[] { Silo(30_500, SiloStatus.Dead, DateTime.UtcNow.AddDays(-8)), Silo(30_501, SiloStatus.Dead), Silo(30_502, aliveAt: DateTime.UtcNow.AddDays(-8)) })
        {
            Assert.True(await table.InsertRow(entry, (await table.ReadAll()).Version.Next()));
        }

        await table.CleanupDefunctSiloEntries(DateTimeOffset.UtcNow.AddDays(-7));

        Assert.Equal([30_501, 30_502], (await table.ReadAll()).Members.Select(m => m.Item1.SiloAddress.Endpoint.Port).Order());
    }

    [Fact]
    public async Task Reminders_AreReadByHashRange_WrappingAroundTheRing()
    {
        // Given reminders for many grains
        var reminders = new PostgresReminderTable(_dataSource, Options.Create(new ClusterOptions { ClusterId = "c", ServiceId = UniqueNames.Next("service") }));
        await reminders.Init();
        var grains = Enumerable.Range(0, 50).Select(i => GrainId.Create("providerhealth", "p" + i)).ToList();
        foreach (var grain in grains)
        {
            await reminders.UpsertRow(new ReminderEntry { GrainId = grain, ReminderName = "cool-down", StartAt = DateTime.UtcNow, Period = TimeSpan.FromMinutes(1) });
        }

        // When the ring is split in two at an arbitrary point, one range wrapping around zero
        var split = grains[17].GetUniformHashCode();
        var upper = (await reminders.ReadRows(split, uint.MaxValue)).Reminders;
        var wrapped = (await reminders.ReadRows(uint.MaxValue, split)).Reminders;

        // Then every reminder is in exactly one of them, by its grain's hash
        Assert.Equal(50, upper.Count + wrapped.Count);
        Assert.All(upper, r => Assert.True(r.GrainId.GetUniformHashCode() > split));
        Assert.All(wrapped, r => Assert.True(r.GrainId.GetUniformHashCode() <= split));

        // And an upsert moves the etag, so removing with the old one fails
        var first = await reminders.ReadRow(grains[0], "cool-down");
        await reminders.UpsertRow(first!);
        Assert.False(await reminders.RemoveRow(grains[0], "cool-down", first!.ETag!));
        Assert.True(await reminders.RemoveRow(grains[0], "cool-down", (await reminders.ReadRow(grains[0], "cool-down"))!.ETag!));
    }
}
