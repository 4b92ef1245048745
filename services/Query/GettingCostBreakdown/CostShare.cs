using TokenOptimizer.ReadModels;

namespace TokenOptimizer.Query.GettingCostBreakdown;

/// <summary>One value of the split dimension: its cost, share of the total, volume, and change against the period before.</summary>
public sealed record CostShare
{
    public required string Key { get; init; }

    public required decimal CostUsd { get; init; }

    /// <summary>This value's share of the slice's total cost, 0–1.</summary>
    public required decimal Share { get; init; }

    public required long Requests { get; init; }

    public required long InputTokens { get; init; }

    public required long OutputTokens { get; init; }

    public long TotalTokens => InputTokens + OutputTokens;

    public required long UnpricedRequests { get; init; }

    public decimal? CostPerRequestUsd { get; init; }

    /// <summary>Cost per million tokens, over every token of the value's calls (as the overview's); null without tokens.</summary>
    public decimal? CostPer1MTokensUsd => TotalTokens == 0 ? null : CostUsd * 1_000_000 / TotalTokens;

    public double? AverageInputTokensPerRequest => Requests == 0 ? null : (double)InputTokens / Requests;

    public double? AverageOutputTokensPerRequest => Requests == 0 ? null : (double)OutputTokens / Requests;

    public required decimal PreviousCostUsd { get; init; }

    /// <summary>Change against the equal period before, in percent; null when it cost nothing then.</summary>
    public decimal? TrendPercent { get; init; }

    /// <summary>What customers were billed for this value's calls, and the margin; null for users (the user rollup keeps no revenue).</summary>
    public RevenueSums? Revenue { get; init; }
}
