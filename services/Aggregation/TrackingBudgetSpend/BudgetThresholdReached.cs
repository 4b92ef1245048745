using TokenOptimizer.Contracts;

namespace TokenOptimizer.Aggregation.TrackingBudgetSpend;

/// <summary>
/// Stored event <c>budget_threshold_crossed</c>, alone in stream
/// <c>budget-threshold-&lt;budget&gt;-&lt;period start&gt;-&lt;threshold&gt;</c>: that stream's uniqueness makes
/// it once per budget, threshold and period, however often spend is re-decided (re-prices, rebuilds).
/// </summary>
public sealed record BudgetThresholdReached
{
    public required string BudgetId { get; init; }

    public required string BudgetName { get; init; }

    public required string ScopeKind { get; init; }

    public string? ScopeValue { get; init; }

    public required decimal ThresholdPercent { get; init; }

    public required decimal AmountUsd { get; init; }

    public required decimal SpentUsd { get; init; }

    public required DateTimeOffset PeriodStart { get; init; }

    public required DateTimeOffset PeriodEnd { get; init; }

    public required DateTimeOffset CrossedAt { get; init; }

    public string? WebhookUrl { get; init; }

    public string StreamId => StreamIdOf(BudgetId, PeriodStart, ThresholdPercent);

    /// <summary>The stream (and webhook alert id) of a budget's crossing of a threshold in the period starting at <paramref name="periodStart"/>.</summary>
    public static string StreamIdOf(string budgetId, DateTimeOffset periodStart, decimal thresholdPercent) =>
        $"budget-threshold-{budgetId}-{periodStart.UtcDateTime:yyyyMMdd}-{thresholdPercent:0.##}";

    public BudgetThresholdCrossed ToMessage() => new()
    {
        BudgetId = BudgetId, BudgetName = BudgetName, ScopeKind = ScopeKind, ScopeValue = ScopeValue, ThresholdPercent = ThresholdPercent,
        AmountUsd = AmountUsd, SpentUsd = SpentUsd, PeriodStart = PeriodStart, PeriodEnd = PeriodEnd, CrossedAt = CrossedAt,
    };
}
