namespace TokenOptimizer.Query.GettingBudgets;

/// <summary>A budget's terms and its period in progress: spend, projection, thresholds crossed and their alerts.</summary>
public sealed record BudgetStatus
{
    public required string BudgetId { get; init; }

    public required string Name { get; init; }

    public required string ScopeKind { get; init; }

    public string? ScopeValue { get; init; }

    public required decimal AmountUsd { get; init; }

    public required string Period { get; init; }

    public required int ResetDay { get; init; }

    public required IReadOnlyList<decimal> ThresholdsPercent { get; init; }

    /// <summary>Where alerts go; it may hold a secret (Slack's URLs do), so only admin keys are shown it.</summary>
    public string? WebhookUrl { get; init; }

    public required DateTimeOffset PeriodStart { get; init; }

    public required DateTimeOffset PeriodEnd { get; init; }

    public required decimal SpentUsd { get; init; }

    public decimal RemainingUsd => AmountUsd - SpentUsd;

    public required decimal PercentUsed { get; init; }

    public required decimal ProjectedSpendUsd { get; init; }

    public required double DaysRemaining { get; init; }

    public required IReadOnlyList<decimal> ThresholdsCrossed { get; init; }

    public IReadOnlyList<BudgetAlert> Alerts { get; init; } = [];
}

/// <summary>A threshold the period's spend reached, when, and the spend then.</summary>
public sealed record BudgetAlert(decimal ThresholdPercent, DateTimeOffset CrossedAt, decimal SpentUsd);
