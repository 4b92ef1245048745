using TokenOptimizer.Aggregation.TrackingProviderHealth;
using TokenOptimizer.Contracts;
using TokenOptimizer.Testing;
using Xunit;

namespace TokenOptimizer.Aggregation.IntegrationTests;

/// <summary>The provider grain under <see cref="Orleans.TestingHost.TestCluster"/>, on PostgreSQL.</summary>
public sealed class TrackingProvidersInGrains(GrainCluster cluster) : IClassFixture<GrainCluster>
{
    private static List<ProviderOutcome> Calls(long firstSequence, int count, DateTimeOffset from, bool failed) =>
        Enumerable.Range(0, count).Select(i => new ProviderOutcome(firstSequence + i, from.AddMilliseconds(i * 100), failed)).ToList();

    private async Task<string> CircuitOfAsync(string provider) =>
        (await cluster.ProviderHealth.StatesAsync(default)).Single(p => p.Provider == provider).Circuit.State;

    private Task<long> AlertsAsync(string provider) =>
        cluster.ScalarAsync<long>("SELECT count(*) FROM alert_outbox WHERE alert_id LIKE $1", $"provider-circuit-{provider}-%");

    [Fact]
    public async Task FailuresThenCoolDownThenGoodProbes_GoClosedOpenHalfOpenClosed()
    {
        // Given a provider's grain
        var provider = UniqueNames.Next("burst");
        var grain = cluster.Grains().GetGrain<IProviderHealthGrain>(provider);
        var now = DateTimeOffset.UtcNow;

        // When a batch of failures fills its window, then (after the cool-down's reminder) good probes come
        await grain.FeedAsync(Calls(1, 5, now, failed: false).Concat(Calls(6, 10, now.AddSeconds(1), failed: true)).ToList());
        Assert.Equal(CircuitStates.Open, await CircuitOfAsync(provider));
        await Eventually.UntilAsync(async () => await CircuitOfAsync(provider) == CircuitStates.HalfOpen, TimeSpan.FromSeconds(30), "the cool-down reminder half-opens it");
        await grain.FeedAsync(Calls(100, 5, DateTimeOffset.UtcNow, failed: false));

        // Then it is closed again, with one incident, and each of its three changes is in the outbox once
        Assert.Equal(CircuitStates.Closed, await CircuitOfAsync(provider));
        var state = (await cluster.ProviderHealth.StatesAsync(default)).Single(p => p.Provider == provider);
        Assert.Equal((3, 104L), (state.Circuit.Transitions, state.LastSequence));
        Assert.Single(state.Incidents);
        Assert.Equal(3L, await AlertsAsync(provider));
    }

    [Fact]
    public async Task FailingProbes_OpenItAgain()
    {
        var provider = UniqueNames.Next("relapse");
        var grain = cluster.Grains().GetGrain<IProviderHealthGrain>(provider);
        await grain.FeedAsync(Calls(1, 10, DateTimeOffset.UtcNow, failed: true));
        await Eventually.UntilAsync(async () => await CircuitOfAsync(provider) == CircuitStates.HalfOpen, TimeSpan.FromSeconds(30), "the cool-down reminder half-opens it");

        await grain.FeedAsync(Calls(20, 5, DateTimeOffset.UtcNow, failed: true));

        Assert.Equal(CircuitStates.Open, await CircuitOfAsync(provider));
        Assert.Equal(3L, await AlertsAsync(provider));
    }

    [Fact]
    public async Task ReplayedBatch_IsNotCountedTwice()
    {
        // Given a batch of 9 failures: one short of the 10 calls that may open the circuit
        var provider = UniqueNames.Next("replayed");
        var grain = cluster.Grains().GetGrain<IProviderHealthGrain>(provider);
        var batch = Calls(1, 9, DateTimeOffset.UtcNow, failed: true);
        await grain.FeedAsync(batch);

        // When the same page is fed again (a daemon that crashed before committing it)
        await grain.FeedAsync(batch);

        // Then the window still holds 9 calls, and the circuit is closed
        var state = (await cluster.ProviderHealth.StatesAsync(default)).Single(p => p.Provider == provider);
        Assert.Equal(9, state.Circuit.Window.Sum(s => s.Requests));
        Assert.Equal(CircuitStates.Closed, state.Circuit.State);
    }

    [Fact]
    public async Task StateWrittenOnce_OutlivesDeactivation()
    {
        // Given a window with 9 failures, persisted by the batch that brought them
        var provider = UniqueNames.Next("deactivated");
        var grain = cluster.Grains().GetGrain<IProviderHealthGrain>(provider);
        await grain.FeedAsync(Calls(1, 9, DateTimeOffset.UtcNow, failed: true));

        // When the grain is deactivated and the next batch activates it anew
        await cluster.DeactivateAsync(grain);
        await grain.FeedAsync(Calls(10, 1, DateTimeOffset.UtcNow.AddSeconds(1), failed: true));

        // Then that tenth failure joins the nine from storage and opens the circuit
        Assert.Equal(CircuitStates.Open, await CircuitOfAsync(provider));
        Assert.Equal(1L, await cluster.ScalarAsync<long>("SELECT etag FROM grain_state WHERE state_name = 'provider-health' AND grain_key = $1", provider));
    }
}
