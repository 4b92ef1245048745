namespace TokenOptimizer.Contracts;

/// <summary>
/// A provider's circuit breaker changed state, as decided by Aggregation from reported usage. Gateways
/// react by routing around an open provider. Published at least once: the message id is stable per change,
/// so a consumer can drop a redelivery. Version 1; fields are only ever added.
/// </summary>
public sealed record ProviderCircuitChanged
{
    /// <summary>The provider, e.g. <c>openai</c>.</summary>
    public required string Provider { get; init; }

    /// <summary>The state before, one of <see cref="CircuitStates"/>.</summary>
    public required string PreviousState { get; init; }

    /// <summary>The state now, one of <see cref="CircuitStates"/>.</summary>
    public required string State { get; init; }

    /// <summary>When it changed, in the time of the usage that caused it.</summary>
    public required DateTimeOffset ChangedAt { get; init; }

    /// <summary>The provider's error rate (0–1) over the window that decided the change.</summary>
    public double ErrorRate { get; init; }

    /// <summary>How many calls that window held.</summary>
    public long WindowRequests { get; init; }

    /// <summary>Why, in words, e.g. <c>error rate 62% over 60 s (48 calls) above 50%</c>.</summary>
    public string? Reason { get; init; }
}
