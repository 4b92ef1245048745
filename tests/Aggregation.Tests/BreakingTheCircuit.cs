using TokenOptimizer.Aggregation.TrackingProviderHealth;
using TokenOptimizer.Contracts;
using TokenOptimizer.ReadModels;
using Xunit;

namespace TokenOptimizer.Aggregation.Tests;

public sealed class BreakingTheCircuit
{
    private static readonly ProviderHealthOptions Options = new() { MinimumRequests = 10, HalfOpenProbes = 5, CoolDown = TimeSpan.FromSeconds(30) };
    private static readonly DateTimeOffset T0 = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    private static (CircuitState State, List<CircuitChanged> Changes) Run(IEnumerable<(double Seconds, bool Failed)> calls)
    {
        var state = CircuitState.Initial("p");
        var changes = new List<CircuitChanged>();
        foreach (var (seconds, failed) in calls)
        {
            (state, var change) = CircuitBreaker.Decide(state, T0.AddSeconds(seconds), failed, Options);
            if (change is not null)
            {
                changes.Add(change);
            }
        }

        return (state, changes);
    }

    [Fact]
    public void FewFailures_BelowTheMinimumRequestCount_KeepItClosed()
    {
        var (state, changes) = Run(Enumerable.Range(0, 9).Select(i => ((double)i, true)));

        Assert.Equal(CircuitStates.Closed, state.State);
        Assert.Empty(changes);
    }

    [Fact]
    public void ErrorRateAboveThreshold_OpensIt()
    {
        var (state, changes) = Run(Enumerable.Range(0, 10).Select(i => ((double)i, i % 4 != 0)));

        Assert.Equal(CircuitStates.Open, state.State);
        Assert.Equal((CircuitStates.Closed, CircuitStates.Open), (changes.Single().From, changes.Single().To));
    }

    [Fact]
    public void FailingProbes_ReopenIt_AndGoodProbes_CloseItWithAnIncident()
    {
        var burst = Enumerable.Range(0, 12).Select(i => ((double)i, true));
        var badProbes = Enumerable.Range(0, 5).Select(i => (45.0 + i, true));
        var goodProbes = Enumerable.Range(0, 5).Select(i => (90.0 + i, false));

        var (state, changes) = Run(burst.Concat(badProbes).Concat(goodProbes));

        Assert.Equal(
            [(CircuitStates.Closed, CircuitStates.Open), (CircuitStates.Open, CircuitStates.HalfOpen), (CircuitStates.HalfOpen, CircuitStates.Open),
             (CircuitStates.Open, CircuitStates.HalfOpen), (CircuitStates.HalfOpen, CircuitStates.Closed)],
            changes.Select(c => (c.From, c.To)));
        Assert.Equal(CircuitStates.Closed, state.State);
        var incident = changes[^1].EndedIncident!;
        Assert.Equal(T0.AddSeconds(9), incident.StartedAt);
        Assert.Equal(T0.AddSeconds(94), incident.EndedAt);
        Assert.Equal(1.0, incident.PeakErrorRate);
        Assert.Equal([1, 2, 3, 4, 5], changes.Select(c => c.Ordinal));
    }

    [Fact]
    public void CoolDownTick_HalfOpensTheOpeningItNames_AndNothingElse()
    {
        // Given a circuit opened by a burst, after which no call comes
        var (open, changes) = Run(Enumerable.Range(0, 10).Select(i => ((double)i, true)));
        var openedBy = changes.Single().Ordinal;
        var tick = new CircuitCoolDownElapsed { Provider = "p", OpenedBy = openedBy, At = open.OpenedAt!.Value + Options.CoolDown };

        // When the timer's tick arrives, then it half-opens at the cool-down's end, with no probe counted yet
        var (halfOpen, change) = CircuitBreaker.CoolDownElapsed(open, tick, Options);
        Assert.Equal(CircuitStates.HalfOpen, halfOpen.State);
        Assert.Equal((CircuitStates.Open, CircuitStates.HalfOpen, tick.At, openedBy + 1), (change!.From, change.To, change.At, change.Ordinal));
        Assert.Equal(0, halfOpen.ProbeRequests);

        // And the same tick again, or a tick for an earlier opening, changes nothing
        Assert.Null(CircuitBreaker.CoolDownElapsed(halfOpen, tick, Options).Change);
        Assert.Null(CircuitBreaker.CoolDownElapsed(open, tick with { OpenedBy = openedBy - 1 }, Options).Change);
    }

    [Fact]
    public void CallerErrors_DoNotCountAgainstTheProvider() =>
        Assert.False(CircuitBreaker.IsProviderFailure(Outcomes.Failed, ErrorTypes.InvalidRequest));

    [Theory]
    [InlineData(0.0, 500.0, 500.0, 1.0, "closed", 100, "healthy")]
    [InlineData(0.1, 500.0, 500.0, 1.0, "closed", 80, "healthy")]
    [InlineData(0.2, 1000.0, 500.0, 1.0, "closed", 35, "critical")]
    [InlineData(0.0, 500.0, 500.0, 1.0, "half_open", 50, "warning")]
    [InlineData(0.0, 500.0, 500.0, 1.0, "open", 20, "critical")]
    public void HealthScore_FollowsItsDocumentedFormula(double errorRate, double recentP95, double dayP95, double uptime, string circuit, int score, string status)
    {
        Assert.Equal(score, HealthScore.Compute(errorRate, recentP95, dayP95, uptime, circuit));
        Assert.Equal(status, HealthScore.StatusOf(score));
    }
}
