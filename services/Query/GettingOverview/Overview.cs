using TokenOptimizer.ReadModels;

namespace TokenOptimizer.Query.GettingOverview;

/// <summary>The headline figures of a slice. Averages are over priced calls: an unpriced call has no cost to average.</summary>
public sealed record Overview
{
    public required DateTimeOffset From { get; init; }

    public required DateTimeOffset To { get; init; }

    public required decimal TotalCostUsd { get; init; }

    public required decimal PreviousPeriodCostUsd { get; init; }

    /// <summary>Change against the equal period before, in percent; null when that period cost nothing.</summary>
    public decimal? CostChangePercent { get; init; }

    public required long Requests { get; init; }

    public required long SuccessfulRequests { get; init; }

    public double? SuccessRate { get; init; }

    public required long InputTokens { get; init; }

    public required long OutputTokens { get; init; }

    public required long CachedInputTokens { get; init; }

    public required long ReasoningTokens { get; init; }

    public long TotalTokens => InputTokens + OutputTokens;

    public required long UnpricedRequests { get; init; }

    public decimal? AverageCostPerRequestUsd { get; init; }

    public decimal? CostPer1MTokensUsd { get; init; }

    /// <summary>Input and output tokens per call, over every call; null without calls.</summary>
    public double? AverageTokensPerRequest => Requests == 0 ? null : (double)TotalTokens / Requests;

    public required decimal ProjectedMonthEndUsd { get; init; }

    public required decimal ProjectedAnnualUsd { get; init; }

    public double? P95LatencyMs { get; init; }

    /// <summary>What customers were billed, and the margin on it (GraphQL: <see cref="GettingRevenue.RevenueFields"/>).</summary>
    public required RevenueSums Revenue { get; init; }

    /// <summary>What the open recommendations would save per month; null until recommendations exist, and for team-scoped keys.</summary>
    public decimal? OptimisationPotentialUsd { get; init; }

    /// <summary>Savings measured after accepted recommendations, to date; null as <see cref="OptimisationPotentialUsd"/>.</summary>
    public decimal? DocumentedSavingsUsd { get; init; }
}
