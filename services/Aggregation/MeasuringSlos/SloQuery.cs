using TokenOptimizer.ReadModels;

namespace TokenOptimizer.Aggregation.MeasuringSlos;

/// <summary>
/// Measures the objectives over the period from the hour rollups (<see cref="UsageRollupReader.ProviderTotalsAsync"/>),
/// globally and per provider, against the targets in force (stored over configured, <see cref="SloTargetsLog"/>).
/// </summary>
public sealed class SloQuery(UsageRollupReader rollups, SloTargetsLog targetsLog, TimeProvider clock)
{
    public async Task<IReadOnlyList<SloReport>> AllAsync(CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var options = (await targetsLog.ReadAsync(cancellationToken)).Options;
        var providers = await rollups.ProviderTotalsAsync(now - options.Period, now, cancellationToken);
        var global = new ProviderPeriodTotals("", providers.Sum(p => p.Requests), providers.Sum(p => p.Failures), providers.Sum(p => p.ProviderFailures), new LatencySketch());
        foreach (var provider in providers)
        {
            global.Latency.Merge(provider.Latency);
        }

        return new[] { global }.Concat(providers).Select(t =>
        {
            var provider = t.Provider.Length == 0 ? null : t.Provider;
            var targets = options.For(provider);
            var measured = new SloMeasurement(t.Requests, t.Failures, t.ProviderFailures, t.Latency.Quantile(0.95),
                targets.LatencyP95Ms is { } p95 ? t.Latency.FractionAbove(p95) : 0);
            return new SloReport(provider ?? "global", t.Requests, SloEvaluator.Evaluate(measured, targets, options.AtRiskBelowBudgetRemaining));
        }).ToList();
    }
}
