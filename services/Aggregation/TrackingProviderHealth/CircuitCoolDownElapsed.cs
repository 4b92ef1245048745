namespace TokenOptimizer.Aggregation.TrackingProviderHealth;

/// <summary>
/// Stored event <c>provider_circuit_cool_down_elapsed</c>: an open circuit's cool-down ran out with no call to
/// notice it. Gateways stop calling a provider whose circuit is open, so without this tick a circuit could stay
/// open for good. Written by <see cref="CircuitCoolDownTimer"/>; it moves the circuit to half-open only if it is
/// still the opening it names (<see cref="OpenedBy"/>, that transition's ordinal), so a stale or repeated tick
/// does nothing. Stream <c>provider-circuit-&lt;provider&gt;-&lt;ordinal&gt;-cool-down</c>: written once.
/// </summary>
public sealed record CircuitCoolDownElapsed
{
    public required string Provider { get; init; }

    public required int OpenedBy { get; init; }

    /// <summary>When the cool-down ran out: the opening's time plus the cool-down, not the tick's wall clock.</summary>
    public required DateTimeOffset At { get; init; }

    public static string StreamFor(string provider, int openedBy) => $"{CircuitChanged.StreamFor(provider, openedBy)}-cool-down";
}
