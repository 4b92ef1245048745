using TokenOptimizer.Aggregation.TrackingProviderHealth;
using TokenOptimizer.Contracts;
using TokenOptimizer.ReadModels;
using Xunit;

namespace TokenOptimizer.Aggregation.Tests;

public sealed class TrackingProviderHealth
{
    private static readonly ProviderHealthOptions Options = new() { MinimumRequests = 10, HalfOpenProbes = 5, CoolDown = TimeSpan.FromSeconds(30) };
    private static readonly DateTimeOffset T0 = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    private static IEnumerable<ProviderOutcome> Calls(long firstSequence, int count, double fromSecond, bool failed) =>
        Enumerable.Range(0, count).Select(i => new ProviderOutcome(firstSequence + i, T0.AddSeconds(fromSecond + i), failed));

    [Fact]
    public void FailingBatch_OpensTheCircuit_AndAReplayOfItChangesNothing()
    {
        var burst = Calls(1, 12, 0, failed: true).ToList();
        var (open, changes) = ProviderHealthFold.Apply(new ProviderHealthState { Provider = "p" }, burst, Options);

        var (replayed, again) = ProviderHealthFold.Apply(open, burst, Options);

        Assert.Equal((CircuitStates.Closed, CircuitStates.Open), (changes.Single().From, changes.Single().To));
        Assert.Equal(12, open.LastSequence);
        Assert.Same(open, replayed);
        Assert.Empty(again);
    }

    [Fact]
    public void CoolDown_HalfOpensOnlyOnceItRanOut_ThenGoodProbesCloseWithAnIncident()
    {
        var (open, _) = ProviderHealthFold.Apply(new ProviderHealthState { Provider = "p" }, Calls(1, 12, 0, failed: true), Options);
        var openedAt = open.Circuit.OpenedAt!.Value;

        Assert.Null(ProviderHealthFold.CoolDownElapsed(open, openedAt + Options.CoolDown - TimeSpan.FromSeconds(1), Options));
        var (halfOpen, change) = ProviderHealthFold.CoolDownElapsed(open, openedAt + TimeSpan.FromMinutes(5), Options)!.Value;
        Assert.Equal((CircuitStates.HalfOpen, openedAt + Options.CoolDown), (change.To, change.At));

        var (closed, changes) = ProviderHealthFold.Apply(halfOpen, Calls(100, 5, 200, failed: false), Options);
        Assert.Equal(CircuitStates.Closed, changes.Single().To);
        var incident = Assert.Single(closed.Incidents);
        Assert.Equal((openedAt, 1.0), (incident.StartedAt, incident.PeakErrorRate));
        Assert.Null(ProviderHealthFold.CoolDownEndsAt(closed, Options));
    }

    [Fact]
    public void Incidents_OlderThanAMonthOfTheBreakersClock_LeaveTheState()
    {
        var old = new ProviderIncident("p", T0.AddDays(-40), T0.AddDays(-39), 0.9);
        var state = new ProviderHealthState { Provider = "p", Incidents = [old] };

        var (next, _) = ProviderHealthFold.Apply(state, Calls(1, 1, 0, failed: false), Options);

        Assert.Empty(next.Incidents);
    }
}
