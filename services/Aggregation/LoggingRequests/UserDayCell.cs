using TokenOptimizer.Aggregation.RollingUpUsage;
using TokenOptimizer.Contracts;
using TokenOptimizer.ReadModels;
using TokenOptimizer.UsageLog;

namespace TokenOptimizer.Aggregation.LoggingRequests;

/// <summary>A <c>usage_rollup_user_day</c> row's key: the UTC day, the user and API key (empty when absent) and the rollup dimensions.</summary>
internal readonly record struct UserDayKey(DateOnly Day, string UserId, string ApiKeyId, RollupDimensions Dimensions)
{
    public static UserDayKey Of(UsageRecorded usage) =>
        new(DateOnly.FromDateTime(usage.OccurredAt.UtcDateTime), usage.UserId ?? "", usage.ApiKeyId ?? "", RollupCell.DimensionsOf(usage));
}

/// <summary>
/// The measures of one user-day row, accumulated for a batch and added to the stored row. Exact integers and
/// decimals, so the result does not depend on batching and a rebuild equals the incremental read model.
/// </summary>
internal sealed class UserDayCell
{
    // The counters are UserRollupTable.CountColumns: the indexes below follow their order.
    private const int Requests = 0, InputTokens = 1, OutputTokens = 2, CachedInputTokens = 3, CacheWriteTokens = 4, ReasoningTokens = 5;
    private const int Priced = 6, Unpriced = 7;

    public long[] Counts { get; } = new long[UserRollupTable.CountColumns.Count];

    public decimal CostTotalUsd { get; private set; }

    public void Add(UsageIngested ingested)
    {
        var usage = ingested.Usage;
        Counts[Requests]++;
        Counts[InputTokens] += usage.InputTokens;
        Counts[OutputTokens] += usage.OutputTokens;
        Counts[CachedInputTokens] += usage.CachedInputTokens;
        Counts[CacheWriteTokens] += usage.CacheWriteTokens;
        Counts[ReasoningTokens] += usage.ReasoningTokens;
        AddCost(ingested.Cost, +1);
    }

    /// <summary>Adds another cell's measures (an erased user's, moved to the no-user row).</summary>
    public void Add(UserDayCell other)
    {
        for (var c = 0; c < Counts.Length; c++)
        {
            Counts[c] += other.Counts[c];
        }

        CostTotalUsd += other.CostTotalUsd;
    }

    /// <summary>A compensating re-price: the cost moves by current − previous, and an unpriced call may become priced.</summary>
    public void AddRepricing(UsageRepriced repriced)
    {
        AddCost(repriced.Previous, -1);
        AddCost(repriced.Current, +1);
    }

    private void AddCost(UsageCost cost, int sign)
    {
        Counts[cost.Priced ? Priced : Unpriced] += sign;
        if (cost.Priced)
        {
            CostTotalUsd += sign * cost.TotalUsd;
        }
    }
}
