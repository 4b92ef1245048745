namespace TokenOptimizer.Aggregation.TrackingProviderHealth;

/// <summary>
/// Stored event <c>provider_circuit_changed</c>: a provider's circuit changed state. Stream
/// <c>provider-circuit-&lt;provider&gt;-&lt;ordinal&gt;</c>, one per transition, so re-deciding it (a rebuild)
/// stores it once. Mapped to the integration message ProviderCircuitChanged when published.
/// </summary>
public sealed record CircuitChanged
{
    public required string Provider { get; init; }

    public required int Ordinal { get; init; }

    public required string From { get; init; }

    public required string To { get; init; }

    public required DateTimeOffset At { get; init; }

    public double ErrorRate { get; init; }

    public long WindowRequests { get; init; }

    public required string Reason { get; init; }

    /// <summary>On closing: the incident that ends (open → … → closed).</summary>
    public ProviderIncident? EndedIncident { get; init; }

    public static string StreamFor(string provider, int ordinal) => $"provider-circuit-{provider}-{ordinal}";
}

/// <summary>A period a provider's circuit was not closed: from opening to closing again.</summary>
public sealed record ProviderIncident(string Provider, DateTimeOffset StartedAt, DateTimeOffset EndedAt, double PeakErrorRate)
{
    public TimeSpan Duration => EndedAt - StartedAt;
}
