namespace TokenOptimizer.Aggregation.TrackingProviderHealth;

/// <summary>
/// Configuration section <c>ProviderHealth</c>: the circuit breaker and how long minutes are kept. What counts as an up
/// minute is read from the same section by the readers (<see cref="ReadModels.ProviderUptimeOptions"/>).
/// </summary>
public sealed record ProviderHealthOptions
{
    public const string Section = "ProviderHealth";

    /// <summary>The sliding window the error rate is measured over (event time), in 10-second slots.</summary>
    public TimeSpan Window { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>Fewest calls in the window before the error rate may open the circuit.</summary>
    public int MinimumRequests { get; init; } = 20;

    /// <summary>Error rate (0–1) above which the circuit opens, and at or below which probes close it.</summary>
    public double ErrorRateThreshold { get; init; } = 0.5;

    /// <summary>How long the circuit stays open before probing.</summary>
    public TimeSpan CoolDown { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>How many calls probe a half-open circuit before it closes or opens again.</summary>
    public int HalfOpenProbes { get; init; } = 10;

    /// <summary>How long the per-minute availability is kept (uptime is reported over up to 30 days).</summary>
    public TimeSpan MinuteRetention { get; init; } = TimeSpan.FromDays(31);
}
