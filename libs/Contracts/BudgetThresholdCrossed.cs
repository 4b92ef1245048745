namespace TokenOptimizer.Contracts;

/// <summary>
/// A budget's spend in a period reached one of its thresholds. Sent once per budget, threshold and period
/// (at least once on the bus: the message id is stable, so a consumer can drop a redelivery). Version 1;
/// fields are only ever added.
/// </summary>
public sealed record BudgetThresholdCrossed
{
    /// <summary>The budget's id.</summary>
    public required string BudgetId { get; init; }

    /// <summary>The budget's name.</summary>
    public required string BudgetName { get; init; }

    /// <summary>What the budget covers: <c>organization</c>, <c>team</c>, <c>feature</c>, <c>model</c> or <c>provider</c>.</summary>
    public required string ScopeKind { get; init; }

    /// <summary>Which team, feature, model, provider, user id or API key id; null for the whole organisation.</summary>
    public string? ScopeValue { get; init; }

    /// <summary>The threshold crossed, as a percentage of the amount (e.g. 80, 100).</summary>
    public required decimal ThresholdPercent { get; init; }

    /// <summary>The budget's amount for the period, in USD.</summary>
    public required decimal AmountUsd { get; init; }

    /// <summary>Spend in the period when it crossed, in USD.</summary>
    public required decimal SpentUsd { get; init; }

    /// <summary>The period's first instant.</summary>
    public required DateTimeOffset PeriodStart { get; init; }

    /// <summary>The instant after the period's last.</summary>
    public required DateTimeOffset PeriodEnd { get; init; }

    /// <summary>When it crossed, in the time of the usage that crossed it.</summary>
    public required DateTimeOffset CrossedAt { get; init; }
}
