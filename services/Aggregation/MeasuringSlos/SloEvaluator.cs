namespace TokenOptimizer.Aggregation.MeasuringSlos;

/// <summary>One objective's standing: target, current value, status, and the error budget left (1 = untouched, ≤ 0 = spent).</summary>
public sealed record SloObjective(string Name, double Target, double? Current, string Status, double ErrorBudgetRemaining);

/// <summary>The objectives of one scope (the whole organisation, or a provider) over the period.</summary>
public sealed record SloReport(string Scope, long Requests, IReadOnlyList<SloObjective> Objectives);

/// <summary>What the period's calls measured, as the evaluator needs it.</summary>
public sealed record SloMeasurement(long Requests, long Failures, long ProviderFailures, double? LatencyP95Ms, double ShareAboveLatencyTarget);

/// <summary>
/// Pure evaluation of objectives. Each has an error budget: availability allows (1 − target) of calls to fail
/// through the provider; error rate allows the target share of failures; p95 latency allows 5% of calls above
/// the target. Remaining = 1 − used / allowed. Breached when the current value misses the target; at risk when
/// less than <c>AtRiskBelowBudgetRemaining</c> of the budget is left; compliant otherwise. No calls: compliant.
/// </summary>
public static class SloEvaluator
{
    public const string Compliant = "compliant";
    public const string AtRisk = "at_risk";
    public const string Breached = "breached";

    public static IReadOnlyList<SloObjective> Evaluate(SloMeasurement measured, SloTargets targets, double atRiskBelow)
    {
        var objectives = new List<SloObjective>();
        var requests = Math.Max(measured.Requests, 1);
        if (targets.Availability is { } availability)
        {
            var current = 1 - (double)measured.ProviderFailures / requests;
            var remaining = Remaining(measured.ProviderFailures / (double)requests, 1 - availability);
            objectives.Add(new("availability", availability, measured.Requests == 0 ? null : Math.Round(current, 5), StatusOf(current >= availability, remaining, atRiskBelow), remaining));
        }

        if (targets.ErrorRate is { } errorRate)
        {
            var current = (double)measured.Failures / requests;
            var remaining = Remaining(current, errorRate);
            objectives.Add(new("error_rate", errorRate, measured.Requests == 0 ? null : Math.Round(current, 5), StatusOf(current <= errorRate, remaining, atRiskBelow), remaining));
        }

        if (targets.LatencyP95Ms is { } p95)
        {
            var remaining = Remaining(measured.ShareAboveLatencyTarget, 0.05);
            objectives.Add(new("latency_p95_ms", p95, measured.LatencyP95Ms is { } current ? Math.Round(current, 1) : null,
                StatusOf((measured.LatencyP95Ms ?? 0) <= p95, remaining, atRiskBelow), remaining));
        }

        return objectives;
    }

    private static double Remaining(double used, double allowed) => allowed <= 0 ? (used > 0 ? 0 : 1) : Math.Round(1 - used / allowed, 4);

    private static string StatusOf(bool met, double remaining, double atRiskBelow) => !met ? Breached : remaining < atRiskBelow ? AtRisk : Compliant;
}
