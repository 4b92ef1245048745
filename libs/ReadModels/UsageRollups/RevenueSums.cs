namespace TokenOptimizer.ReadModels;

/// <summary>
/// What customers were billed for a slice's calls, and the margin on them. Revenue is every billed amount; margin sets
/// revenue against our cost over the calls that carry both a billed amount and our price (<see cref="MarginRequests"/>),
/// so a call without a billed amount never counts as a loss and an unpriced one never as pure profit.
/// </summary>
/// <param name="BilledRequests">Calls that carried a billed amount.</param>
/// <param name="RevenueUsd">The sum of their billed amounts.</param>
/// <param name="MarginRequests">Billed calls we could price: those the margin is over.</param>
/// <param name="MarginRevenueUsd">Their billed amounts.</param>
/// <param name="MarginCostUsd">Their cost at our prices.</param>
public sealed record RevenueSums(long BilledRequests, decimal RevenueUsd, long MarginRequests, decimal MarginRevenueUsd, decimal MarginCostUsd)
{
    /// <summary>Revenue minus cost over <see cref="MarginRequests"/>; null when no call carries both.</summary>
    public decimal? MarginUsd => MarginRequests == 0 ? null : MarginRevenueUsd - MarginCostUsd;

    /// <summary>
    /// <see cref="MarginUsd"/> as a percentage of the same calls' revenue, rounded to two places (the one place margin
    /// percentages are rounded); null when that revenue is zero.
    /// </summary>
    public decimal? MarginPercent => MarginRevenueUsd == 0 ? null : Math.Round((MarginRevenueUsd - MarginCostUsd) / MarginRevenueUsd * 100, 2);

    /// <summary>Revenue per billed call; null when none was billed.</summary>
    public decimal? RevenuePerRequestUsd => BilledRequests == 0 ? null : RevenueUsd / BilledRequests;

    /// <summary>Margin per call it is over; null as <see cref="MarginUsd"/>.</summary>
    public decimal? MarginPerRequestUsd => MarginRequests == 0 ? null : MarginUsd / MarginRequests;
}
