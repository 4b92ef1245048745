using Orleans.Runtime;
using TokenOptimizer.Aggregation.RunningTheCluster;
using TokenOptimizer.Testing;
using Xunit;

namespace TokenOptimizer.Aggregation.IntegrationTests;

/// <summary>Two silos on <see cref="PostgresMembershipTable"/>: one that dies is declared dead there by the other.</summary>
public sealed class DetectingDeadSilos(TwoSiloGrainCluster cluster) : IClassFixture<TwoSiloGrainCluster>
{
    [Fact]
    public async Task KilledSilo_IsDeclaredDeadInTheTable_AndItsGrainsMoveToTheSurvivor()
    {
        // Given two active silos, and a provider's grain with state, called from the silo that is about to die
        await Eventually.UntilAsync(async () => await cluster.ScalarAsync<long>(
            $"SELECT count(*) FROM {OrleansTables.Membership} WHERE status = $1", (int)SiloStatus.Active) == 2, TimeSpan.FromSeconds(30), "both silos active");
        var silos = cluster.Cluster.GetActiveSilos().ToList();
        var provider = UniqueNames.Next("moved");
        await cluster.Grains(silos[1]).GetGrain<TrackingProviderHealth.IProviderHealthGrain>(provider).FeedAsync([new TrackingProviderHealth.ProviderOutcome(1, DateTimeOffset.UtcNow, true)]);

        // When that silo is killed (no goodbye in the table)
        await cluster.Cluster.KillSiloAsync(silos[1]);

        // Then the survivor's probes declare it dead in the membership table
        var killed = silos[1].SiloAddress.ToParsableString();
        await Eventually.UntilAsync(async () => await cluster.ScalarAsync<int>(
            $"SELECT status FROM {OrleansTables.Membership} WHERE silo = $1", killed) == (int)SiloStatus.Dead, TimeSpan.FromSeconds(60), "the killed silo declared dead");

        // And the grain, called again, lives on the survivor with the state it had
        await cluster.Grains(silos[0]).GetGrain<TrackingProviderHealth.IProviderHealthGrain>(provider).FeedAsync([new TrackingProviderHealth.ProviderOutcome(2, DateTimeOffset.UtcNow, true)]);
        var state = (await cluster.ProviderHealth.StatesAsync(default)).Single(p => p.Provider == provider);
        Assert.Equal((2L, 2), (state.LastSequence, state.Circuit.Window.Sum(s => s.Requests)));
    }
}
