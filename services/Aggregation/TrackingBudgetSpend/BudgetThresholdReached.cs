using System.Globalization;
using TokenOptimizer.Contracts;

namespace TokenOptimizer.Aggregation.TrackingBudgetSpend;

/// <summary>
/// A budget's period spend reached one of its thresholds: decided in the budget's grain (<see cref="BudgetSpending"/>),
/// once per budget, period and threshold (<see cref="AlertId"/>), and published as the integration message
/// BudgetThresholdCrossed, with the budget's webhook, through the alert outbox. Logs written before the grains held
/// budgets hold it as stored event <c>budget_threshold_crossed</c>; its alias stays registered so they still read.
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

    public string AlertId => AlertIdFor(BudgetId, PeriodStart, ThresholdPercent);

    /// <summary>The alert id (and webhook delivery id) of a budget's crossing of a threshold in the period starting at <paramref name="periodStart"/>.</summary>
    public static string AlertIdFor(string budgetId, DateTimeOffset periodStart, decimal thresholdPercent) =>
        string.Create(CultureInfo.InvariantCulture, $"budget-threshold-{budgetId}-{periodStart.UtcDateTime:yyyyMMdd}-{thresholdPercent:0.##}");

    public BudgetThresholdCrossed ToMessage() => new()
    {
        BudgetId = BudgetId, BudgetName = BudgetName, ScopeKind = ScopeKind, ScopeValue = ScopeValue, ThresholdPercent = ThresholdPercent,
        AmountUsd = AmountUsd, SpentUsd = SpentUsd, PeriodStart = PeriodStart, PeriodEnd = PeriodEnd, CrossedAt = CrossedAt,
    };
}
