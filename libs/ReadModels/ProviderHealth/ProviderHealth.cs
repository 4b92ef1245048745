namespace TokenOptimizer.ReadModels;

/// <summary>
/// The figures a provider or model is judged by: recent rates and latency, uptime, score. The request and error volumes
/// are null once <see cref="WithoutVolumes"/> blanked them (for a team-scoped caller: they count every team's calls).
/// </summary>
public sealed record Health(
    double? RequestsPerMinute, double? ErrorsPerMinute, double ErrorRate, LatencyPercentiles Latency, LatencyPercentiles TimeToFirstToken,
    double Uptime24h, double Uptime7d, double Uptime30d, int HealthScore, string Status)
{
    public Health WithoutVolumes() => this with { RequestsPerMinute = null, ErrorsPerMinute = null };
}

/// <summary>One provider's health now, its circuit, each of its models and its recent incidents.</summary>
public sealed record ProviderHealth(string Provider, string CircuitState, DateTimeOffset? CircuitChangedAt, Health Health, IReadOnlyList<ModelHealth> Models)
{
    /// <summary>Incidents that ended in the last 30 days, latest first.</summary>
    public IReadOnlyList<ProviderIncident> Incidents { get; init; } = [];

    /// <summary>The same without request and error volumes, the provider's and its models'.</summary>
    public ProviderHealth WithoutVolumes() => this with
    {
        Health = Health.WithoutVolumes(),
        Models = [.. Models.Select(m => m with { Health = m.Health.WithoutVolumes() })],
    };
}

/// <summary>One model's health now; it is capped by its provider's circuit like the provider is.</summary>
public sealed record ModelHealth(string Provider, string Model, Health Health);

/// <summary>
/// A closed period during which the provider's circuit was not closed (from opening to closing again), and the highest
/// error rate it saw: decided by the provider's grain and kept in its state (<see cref="ProviderHealthState"/>).
/// </summary>
public sealed record ProviderIncident(string Provider, DateTimeOffset StartedAt, DateTimeOffset EndedAt, double PeakErrorRate)
{
    public double DurationSeconds => (EndedAt - StartedAt).TotalSeconds;
}
