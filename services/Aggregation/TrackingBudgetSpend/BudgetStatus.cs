using TokenOptimizer.Aggregation.DefiningBudget;

namespace TokenOptimizer.Aggregation.TrackingBudgetSpend;

/// <summary>A budget's current period: spend, the projection to its end, and how much is left.</summary>
public sealed record BudgetStatus(
    string BudgetId, BudgetTerms Terms, DateTimeOffset PeriodStart, DateTimeOffset PeriodEnd,
    decimal SpentUsd, decimal PercentUsed, decimal ProjectedSpendUsd, double DaysRemaining, IReadOnlyList<decimal> ThresholdsCrossed)
{
    /// <summary>
    /// Projected end-of-period spend = spent + days remaining × the average of two daily rates: the period's
    /// run rate (spent / days elapsed, at least one hour) and the recent trend (spend of the last 3 days, or of
    /// the period if shorter, per day). The run rate alone lags a ramp; the trend alone overreacts to a spike.
    /// </summary>
    public static decimal Project(decimal spent, decimal recentSpent, double elapsedDays, double recentDays, double remainingDays)
    {
        var runRate = spent / (decimal)Math.Max(elapsedDays, 1.0 / 24);
        var trend = recentSpent / (decimal)Math.Max(recentDays, 1.0 / 24);
        return Math.Round(spent + (decimal)Math.Max(remainingDays, 0) * (runRate + trend) / 2, 4);
    }
}
