using Npgsql;
using TokenOptimizer.SystemTests.Running;
using TokenOptimizer.Testing;
using Xunit;

namespace TokenOptimizer.SystemTests.RunningTheAppHost;

/// <summary>
/// <c>dotnet run --project AppHost -- --replicas 2</c>: each Aggregation replica hosts an Orleans silo on ports of its own,
/// and the two meet in the membership table in the shared database as one cluster. A system of its own.
/// </summary>
[Collection(InTurnCollection.Name)]
public sealed class RunningAggregationReplicas
{
    // Aggregation's membership table (services/Aggregation/RunningTheCluster/OrleansTables.cs) and Orleans' SiloStatus.Active:
    // named here rather than referenced, as a test of the whole system sees only what runs.
    private const string MembershipTable = "orleans_membership";
    private const int Active = 3;

    [Fact]
    public async Task TwoReplicas_FormOneOrleansCluster()
    {
        // Given the app host started with two Aggregation replicas
        await using var run = await AppHostRun.StartAsync(AppHostRun.LocalProcesses, arguments: ["--replicas", "2"]);
        await using var database = NpgsqlDataSource.Create(await run.ConnectionStringAsync("postgres"));

        // When their silos have joined
        var silos = new List<(string Silo, int GatewayPort)>();
        await Eventually.UntilAsync(async () =>
        {
            silos = await ActiveSilosAsync(database, "tokenoptimizer");
            return silos.Count == 2;
        }, TimeSpan.FromMinutes(1), "both replicas' silos are active in cluster tokenoptimizer");

        // Then they are two silos of one cluster, each at a silo port and a gateway port of its own
        Assert.Equal(2, silos.Select(s => s.Silo.Split('@')[0]).Distinct().Count());
        Assert.Equal(2, silos.Select(s => s.GatewayPort).Where(port => port > 0).Distinct().Count());
    }

    private static async Task<List<(string Silo, int GatewayPort)>> ActiveSilosAsync(NpgsqlDataSource database, string clusterId)
    {
        await using var command = database.CreateCommand($"SELECT silo, proxy_port FROM {MembershipTable} WHERE cluster_id = $1 AND status = $2");
        command.Parameters.Add(new NpgsqlParameter { Value = clusterId });
        command.Parameters.Add(new NpgsqlParameter { Value = Active });
        var silos = new List<(string, int)>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            silos.Add((reader.GetString(0), reader.GetInt32(1)));
        }

        return silos;
    }
}
