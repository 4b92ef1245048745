namespace TokenOptimizer.Aggregation.MeasuringSlos;

/// <summary>Targets of the three objectives; null leaves an objective out.</summary>
public sealed record SloTargets
{
    /// <summary>Share of calls not failed by the provider (timeout, rate_limit, server_error, other), e.g. 0.995.</summary>
    public double? Availability { get; init; }

    /// <summary>The p95 latency must stay at or under this (ms).</summary>
    public double? LatencyP95Ms { get; init; }

    /// <summary>Share of calls failing for any reason must stay at or under this, e.g. 0.02.</summary>
    public double? ErrorRate { get; init; }
}

/// <summary>Configuration section <c>Slos</c>: global targets, per-provider overrides, and the period.</summary>
public sealed class SloOptions
{
    public const string Section = "Slos";

    /// <summary>The rolling period the objectives are measured over.</summary>
    public TimeSpan Period { get; set; } = TimeSpan.FromDays(30);

    /// <summary>An objective with less than this share of its error budget left is at risk.</summary>
    public double AtRiskBelowBudgetRemaining { get; set; } = 0.25;

    public SloTargets Global { get; set; } = new() { Availability = 0.995, LatencyP95Ms = 10_000, ErrorRate = 0.02 };

    /// <summary>Per-provider targets; a missing value falls back to <see cref="Global"/>.</summary>
    public Dictionary<string, SloTargets> Providers { get; set; } = [];

    public SloTargets For(string? provider) => provider is not null && Providers.TryGetValue(provider, out var own)
        ? new SloTargets
        {
            Availability = own.Availability ?? Global.Availability,
            LatencyP95Ms = own.LatencyP95Ms ?? Global.LatencyP95Ms,
            ErrorRate = own.ErrorRate ?? Global.ErrorRate,
        }
        : Global;

    /// <summary>
    /// These options with <paramref name="stored"/> targets laid over the configured ones, value by value: a stored
    /// value wins, a value it leaves out stays as configured (globally, and for each provider it names).
    /// </summary>
    public SloOptions With(SloTargetsSet? stored)
    {
        if (stored is null)
        {
            return this;
        }

        var providers = new Dictionary<string, SloTargets>(Providers, StringComparer.Ordinal);
        foreach (var (provider, own) in stored.Providers ?? new Dictionary<string, SloTargets>())
        {
            providers[provider] = Over(own, providers.GetValueOrDefault(provider));
        }

        return new SloOptions { Period = Period, AtRiskBelowBudgetRemaining = AtRiskBelowBudgetRemaining, Global = Over(stored.Global, Global), Providers = providers };
    }

    private static SloTargets Over(SloTargets? top, SloTargets? below) => new()
    {
        Availability = top?.Availability ?? below?.Availability,
        LatencyP95Ms = top?.LatencyP95Ms ?? below?.LatencyP95Ms,
        ErrorRate = top?.ErrorRate ?? below?.ErrorRate,
    };
}
