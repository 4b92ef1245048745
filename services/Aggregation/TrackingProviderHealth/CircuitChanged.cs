using TokenOptimizer.Contracts;
using TokenOptimizer.ReadModels;

namespace TokenOptimizer.Aggregation.TrackingProviderHealth;

/// <summary>
/// A provider's circuit changed state: decided by <see cref="CircuitBreaker"/> in its grain, and published as the
/// integration message ProviderCircuitChanged through the alert outbox under the id of <see cref="AlertIdFor"/>
/// (provider and ordinal), so re-deciding it never makes a second one. Logs written before the grains held the
/// breaker hold it as stored event <c>provider_circuit_changed</c>; its alias stays registered so they still read.
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

    public static string AlertIdFor(string provider, int ordinal) => $"provider-circuit-{provider}-{ordinal}";

    public ProviderCircuitChanged ToMessage() => new()
    {
        Provider = Provider, PreviousState = From, State = To, ChangedAt = At, ErrorRate = ErrorRate, WindowRequests = WindowRequests, Reason = Reason,
    };
}
