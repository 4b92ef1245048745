using System.Net;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Orleans.Configuration;
using Orleans.Runtime;
using TokenOptimizer.Aggregation.RunningTheCluster;
using TokenOptimizer.Testing;
using Xunit;

namespace TokenOptimizer.Aggregation.IntegrationTests;

/// <summary>
/// A single Aggregation instance restarted after a SIGKILL: its old silo's entry is still Active, on a port nothing
/// listens on, and Orleans lets the new silo join only once every Active silo answers (bench/FaultSuite's
/// kill9_aggregation measures the whole restart with real processes). The new silo's sweep declares the silent entry dead,
/// through the membership table's own contract, and leaves live silos alone. (Orleans' test cluster cannot stand in: its
/// kill writes the silo's goodbye, and its next silo reuses the port.)
/// </summary>
public sealed class RestartingAKilledSilo(GrainCluster cluster) : IClassFixture<GrainCluster>
{
    private static readonly ClusterMembershipOptions Membership = new() { IAmAliveTablePublishTimeout = TimeSpan.FromSeconds(5), NumMissedTableIAmAliveLimit = 3 };

    [Fact]
    public async Task AJoiningSilo_DeclaresDeadTheActiveSiloSilentForThreeHeartbeats_AndNoOther()
    {
        // Given a cluster's table with a silo killed a minute ago (Active, silent) and one that just started (Active, heard now)
        var table = await NewClusterTableAsync();
        var killed = await InsertActiveAsync(table, heardAgo: TimeSpan.FromMinutes(1));
        var justStarted = await InsertActiveAsync(table, heardAgo: TimeSpan.FromSeconds(2));

        // When a new silo, joining, sweeps the table until nothing more is swept
        var joining = new StaleSiloSweep(table, new JoiningSilo(Loopback()), Options.Create(Membership), TimeProvider.System, NullLogger<StaleSiloSweep>.Instance);
        await joining.SweepOnceAsync(TimeSpan.FromSeconds(15), default);
        await joining.SweepOnceAsync(TimeSpan.FromSeconds(15), default);

        // Then only the silent silo is dead
        var statuses = (await table.ReadAllAsync()).Members.ToDictionary(m => m.Item1.SiloAddress, m => m.Item1.Status);
        Assert.Equal((SiloStatus.Dead, SiloStatus.Active), (statuses[killed], statuses[justStarted]));
    }

    [Fact]
    public async Task ASiloAlreadyActive_SweepsNothing()
    {
        var table = await NewClusterTableAsync();
        var killed = await InsertActiveAsync(table, heardAgo: TimeSpan.FromMinutes(1));
        var active = await InsertActiveAsync(table, heardAgo: TimeSpan.Zero);

        var activeOne = new StaleSiloSweep(table, new JoiningSilo(active), Options.Create(Membership), TimeProvider.System, NullLogger<StaleSiloSweep>.Instance);

        Assert.True(await activeOne.SweepOnceAsync(TimeSpan.FromSeconds(15), default));
        Assert.Equal(SiloStatus.Active, (await table.ReadAllAsync()).Members.Single(m => m.Item1.SiloAddress.Equals(killed)).Item1.Status);
    }

    // A cluster of its own on the fixture's database: no live silo probes (and declares dead) the entries made here.
    private async Task<IMembershipTable> NewClusterTableAsync()
    {
        var table = new PostgresMembershipTable(cluster.DataSource, Options.Create(new ClusterOptions { ClusterId = UniqueNames.Next("swept"), ServiceId = "test" }));
        await table.InitializeMembershipTable(tryInitTableVersion: true);
        return table;
    }

    private static SiloAddress Loopback() => SiloAddress.New(new IPEndPoint(IPAddress.Loopback, Provisioning.FreePorts.Take(1)[0]), SiloAddress.AllocateNewGeneration());

    private static async Task<SiloAddress> InsertActiveAsync(IMembershipTable table, TimeSpan heardAgo)
    {
        var silo = Loopback();
        var heard = DateTime.UtcNow - heardAgo;
        var entry = new MembershipEntry
        {
            SiloAddress = silo, Status = SiloStatus.Active, SiloName = "killed", HostName = "localhost", ProxyPort = 0,
            StartTime = heard, IAmAliveTime = heard,
        };
        var version = (await table.ReadAllAsync()).Version;
        Assert.True(await table.InsertRowAsync(entry, version.Next()));
        return silo;
    }

    private sealed class JoiningSilo(SiloAddress address) : ILocalSiloDetails
    {
        public string Name => "joining";

        public string ClusterId => "test";

        public string DnsHostName => "localhost";

        public SiloAddress SiloAddress => address;

        public SiloAddress GatewayAddress => address;
    }
}
