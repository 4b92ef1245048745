namespace TokenOptimizer.ReadModels;

/// <summary>
/// A budget's period in progress (by wall clock): spend, the projection to its end, how much is left, and the
/// thresholds crossed with their alerts.
/// </summary>
public sealed record BudgetStatus(
    string BudgetId, BudgetTerms Terms, DateTimeOffset PeriodStart, DateTimeOffset PeriodEnd,
    decimal SpentUsd, decimal PercentUsed, decimal ProjectedSpendUsd, double DaysRemaining, IReadOnlyList<decimal> ThresholdsCrossed)
{
    /// <summary>Amount − spent; negative once overspent.</summary>
    public decimal RemainingUsd => Terms.AmountUsd - SpentUsd;

    /// <summary>This period's crossings, by threshold.</summary>
    public IReadOnlyList<BudgetAlert> Alerts { get; init; } = [];

    /// <summary>
    /// The status at <paramref name="now"/> of a defined budget's persisted state: the period holding
    /// <paramref name="now"/> (no spend yet when the state holds none for it), its days left and projection.
    /// </summary>
    public static BudgetStatus Of(BudgetState state, DateTimeOffset now)
    {
        var terms = state.Terms ?? throw new ArgumentException($"Budget {state.BudgetId} has no terms yet.", nameof(state));
        var period = BudgetPeriod.Containing(terms, now);
        var spend = state.Periods.FirstOrDefault(p => p.Start == period.Start);
        var spent = spend?.SpentUsd ?? 0;
        var recentFrom = now - BudgetPeriodSpend.RecentHours > period.Start ? now - BudgetPeriodSpend.RecentHours : period.Start;
        var recent = spend?.Hours.Where(h => h.Hour >= recentFrom).Sum(h => h.SpentUsd) ?? 0;
        var alerts = state.Alerts.Where(a => a.PeriodStart == period.Start).OrderBy(a => a.ThresholdPercent).ToList();
        var remaining = (period.End - now).TotalDays;
        var projected = Project(spent, recent, (now - period.Start).TotalDays, (now - recentFrom).TotalDays, remaining);
        return new BudgetStatus(state.BudgetId, terms, period.Start, period.End, spent, Math.Round(spent / terms.AmountUsd * 100, 2), projected,
            Math.Round(remaining, 2), [.. alerts.Select(a => a.ThresholdPercent)])
        {
            Alerts = alerts,
        };
    }

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

/// <summary>A threshold a period's spend reached, when (the usage time of the call that reached it), and the spend then.</summary>
public sealed record BudgetAlert(decimal ThresholdPercent, DateTimeOffset CrossedAt, decimal SpentUsd)
{
    /// <summary>The start of the period it was crossed in.</summary>
    public DateTimeOffset PeriodStart { get; init; }
}
