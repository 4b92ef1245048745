namespace TokenOptimizer.ReadModels;

/// <summary>
/// One provider's live state as its grain (Aggregation's ProviderHealthGrain) persists it on change and on
/// deactivation, in <see cref="GrainStateTable"/> under <see cref="StateName"/>: the circuit breaker with its sliding
/// window, the incidents of the last <see cref="IncidentsKept"/>, and the last event sequence applied (batches at or
/// below it are replays). Read through <see cref="ProviderHealthReader"/>.
/// </summary>
public record ProviderHealthState
{
    /// <summary>The state's name in <see cref="GrainStateTable"/>.</summary>
    public const string StateName = "provider-health";

    /// <summary>How long an ended incident stays in the state (health reports 30 days of them).</summary>
    public static readonly TimeSpan IncidentsKept = TimeSpan.FromDays(31);

    public string Provider { get; init; } = "";

    public CircuitState Circuit { get; init; } = new();

    /// <summary>Ended incidents, oldest first.</summary>
    public IReadOnlyList<ProviderIncident> Incidents { get; init; } = [];

    public long LastSequence { get; init; }
}
