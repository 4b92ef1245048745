using TokenOptimizer.Aggregation.RollingUpUsage;
using TokenOptimizer.ReadModels;

namespace TokenOptimizer.Aggregation.TrackingProviderHealth;

/// <summary>The figures a provider and each of its models are judged by: recent rates and latency, uptime, score.</summary>
public sealed record Health(
    double RequestsPerMinute, double ErrorsPerMinute, double ErrorRate, LatencyPercentiles Latency, LatencyPercentiles TimeToFirstToken,
    double Uptime24h, double Uptime7d, double Uptime30d, int HealthScore, string Status);

/// <summary>One provider's health now, its circuit, and each of its models.</summary>
public sealed record ProviderHealth(string Provider, string CircuitState, DateTimeOffset? CircuitChangedAt, Health Health, IReadOnlyList<ModelHealth> Models);

/// <summary>One model's health now; it is capped by its provider's circuit like the provider is.</summary>
public sealed record ModelHealth(string Provider, string Model, Health Health);
