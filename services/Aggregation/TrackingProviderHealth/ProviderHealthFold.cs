using TokenOptimizer.Contracts;
using TokenOptimizer.ReadModels;

namespace TokenOptimizer.Aggregation.TrackingProviderHealth;

/// <summary>
/// A provider's state evolved by a batch of outcomes, or by the clock ending a cool-down: pure functions over
/// <see cref="CircuitBreaker"/>, free of I/O and of the wall clock (time comes in as an argument).
/// </summary>
public static class ProviderHealthFold
{
    /// <summary>Applies the outcomes above the state's last sequence, in order; the state is returned unchanged when there are none.</summary>
    public static (ProviderHealthState State, IReadOnlyList<CircuitChanged> Changes) Apply(
        ProviderHealthState state, IEnumerable<ProviderOutcome> outcomes, ProviderHealthOptions options)
    {
        var changes = new List<CircuitChanged>();
        var circuit = state.Circuit.Provider.Length == 0 ? CircuitState.Initial(state.Provider) : state.Circuit;
        var last = state.LastSequence;
        foreach (var outcome in outcomes.Where(o => o.Sequence > state.LastSequence).OrderBy(o => o.Sequence))
        {
            (circuit, var change) = CircuitBreaker.Decide(circuit, outcome.At, outcome.ProviderFailure, options);
            if (change is not null)
            {
                changes.Add(change);
            }

            last = outcome.Sequence;
        }

        return last == state.LastSequence ? (state, changes) : (Evolve(state with { Circuit = circuit, LastSequence = last }, changes), changes);
    }

    /// <summary>At <paramref name="now"/>, half-opens an open circuit whose cool-down has run out; null when it has not.</summary>
    public static (ProviderHealthState State, CircuitChanged Change)? CoolDownElapsed(ProviderHealthState state, DateTimeOffset now, ProviderHealthOptions options)
    {
        if (state.Circuit is not { State: CircuitStates.Open, OpenedAt: { } opened } || opened + options.CoolDown > now)
        {
            return null;
        }

        var tick = new CircuitCoolDownElapsed { Provider = state.Provider, OpenedBy = state.Circuit.Transitions, At = opened + options.CoolDown };
        var (circuit, change) = CircuitBreaker.CoolDownElapsed(state.Circuit, tick, options);
        return change is null ? null : (Evolve(state with { Circuit = circuit }, [change]), change);
    }

    /// <summary>When the circuit, now open, should be looked at for its cool-down; null while it is not open.</summary>
    public static DateTimeOffset? CoolDownEndsAt(ProviderHealthState state, ProviderHealthOptions options) =>
        state.Circuit is { State: CircuitStates.Open, OpenedAt: { } opened } ? opened + options.CoolDown : null;

    // Ended incidents join the state; those that ended more than IncidentsKept before the breaker's clock leave it.
    private static ProviderHealthState Evolve(ProviderHealthState state, IReadOnlyList<CircuitChanged> changes)
    {
        var ended = changes.Select(c => c.EndedIncident).OfType<ProviderIncident>().ToList();
        var horizon = state.Circuit.Watermark - ProviderHealthState.IncidentsKept;
        return ended.Count == 0 && !state.Incidents.Any(i => i.EndedAt < horizon)
            ? state
            : state with { Incidents = [.. state.Incidents.Concat(ended).Where(i => i.EndedAt >= horizon)] };
    }
}
