namespace TokenOptimizer.ReadModels;

/// <summary>What a budget covers, how much, over which period, and whom to tell: as defined, and as the budget read model keeps it.</summary>
public sealed record BudgetTerms
{
    public required string Name { get; init; }

    /// <summary>One of <see cref="BudgetScopes"/>.</summary>
    public required string ScopeKind { get; init; }

    /// <summary>The team, feature, model, provider, user id or API key id; null for the organisation.</summary>
    public string? ScopeValue { get; init; }

    public required decimal AmountUsd { get; init; }

    /// <summary>One of <see cref="BudgetPeriods"/>.</summary>
    public required string Period { get; init; }

    /// <summary>The day a period starts: 1–28 of the month for monthly, 1 (Monday)–7 (Sunday) for weekly; ignored for daily.</summary>
    public int ResetDay { get; init; } = 1;

    /// <summary>Percentages of the amount that alert when reached.</summary>
    public IReadOnlyList<decimal> ThresholdsPercent { get; init; } = [80m, 100m];

    public string? WebhookUrl { get; init; }
}
