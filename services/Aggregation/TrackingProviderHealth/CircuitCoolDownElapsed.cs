namespace TokenOptimizer.Aggregation.TrackingProviderHealth;

/// <summary>
/// An open circuit's cool-down ran out with no call to notice it: the provider's grain builds one when its cool-down
/// reminder fires (gateways stop calling a provider whose circuit is open, so without it a circuit could stay open for
/// good). It half-opens the circuit only if it is still the opening it names (<see cref="OpenedBy"/>, that
/// transition's ordinal), so a stale or repeated tick does nothing. Logs written before the grains held the breaker
/// hold it as stored event <c>provider_circuit_cool_down_elapsed</c>; its alias stays registered so they still read.
/// </summary>
public sealed record CircuitCoolDownElapsed
{
    public required string Provider { get; init; }

    public required int OpenedBy { get; init; }

    /// <summary>When the cool-down ran out: the opening's time plus the cool-down, not the tick's wall clock.</summary>
    public required DateTimeOffset At { get; init; }
}
