using TokenOptimizer.ReadModels;

namespace TokenOptimizer.Query.GettingProviderHealth;

/// <summary>
/// The figures a provider or model is judged by, as the Aggregation service reports them. The request and error
/// volumes are null for a team-scoped caller: they count every team's traffic.
/// </summary>
public sealed record HealthFigures(
    double? RequestsPerMinute, double? ErrorsPerMinute, double ErrorRate, LatencyPercentiles Latency, LatencyPercentiles TimeToFirstToken,
    double Uptime24h, double Uptime7d, double Uptime30d, int HealthScore, string Status)
{
    public HealthFigures WithoutVolumes() => this with { RequestsPerMinute = null, ErrorsPerMinute = null };
}

/// <summary>One provider now: its circuit, its figures, its recent incidents and each model it served lately.</summary>
public sealed record ProviderHealth(string Provider, string CircuitState, DateTimeOffset? CircuitChangedAt, HealthFigures Health, IReadOnlyList<ModelHealth> Models)
{
    public IReadOnlyList<ProviderIncident> Incidents { get; init; } = [];
}

/// <summary>One model now, judged on its own calls under its provider's circuit.</summary>
public sealed record ModelHealth(string Provider, string Model, HealthFigures Health);

/// <summary>A closed period during which the provider's circuit was not closed.</summary>
public sealed record ProviderIncident(DateTimeOffset StartedAt, DateTimeOffset EndedAt, double DurationSeconds, double PeakErrorRate);
