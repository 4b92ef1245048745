using TokenOptimizer.Contracts;
using TokenOptimizer.ReadModels;
using TokenOptimizer.UsageLog;

namespace TokenOptimizer.Aggregation.RollingUpUsage;

/// <summary>
/// The measures of one rollup row, accumulated in memory for a batch and added to the stored row in one
/// upsert. Counters and money are exact (integers, decimals), so the result does not depend on how events
/// were batched: a rebuild equals the incremental read model.
/// </summary>
public sealed class RollupCell
{
    // The columns are UsageRollupTables.CountColumns and AmountColumns: the indexes below follow their order.
    private static readonly string[] KnownErrorTypes = [.. UsageRollupTables.ErrorTypes];

    private const int Requests = 0, Successes = 1, Failures = 2, FirstErrorType = 3;
    private const int InputTokens = 10, OutputTokens = 11, CachedInputTokens = 12, CacheWriteTokens = 13, ReasoningTokens = 14;
    private const int Priced = 15, Unpriced = 16, Streaming = 17, TtftCount = 18, ReportedCount = 19, BilledCount = 20;
    private const int EstimatedCount = 21, EstimatedTokens = 22, EstimatedActual = 23, EstimateError = 24, FirstPromptBucket = 25;
    private const int CostInput = 0, CostCached = 1, CostCacheWrite = 2, CostOutput = 3, CostReasoning = 4, CostTotal = 5;
    private const int BilledPricedCount = 32, ReportedPricedCount = 33;
    private const int Billed = 6, Reported = 7, LatencySum = 8, TtftSum = 9;
    private const int BilledPricedAmount = 10, BilledPricedCost = 11, ReportedPriced = 12, ReportedPricedCost = 13;

    public long[] Counts { get; } = new long[UsageRollupTables.CountColumns.Length];

    public decimal[] Amounts { get; } = new decimal[UsageRollupTables.AmountColumns.Length];

    public LatencySketch Latency { get; } = new();

    public LatencySketch TimeToFirstToken { get; } = new();

    public void Add(UsageIngested ingested)
    {
        var usage = ingested.Usage;
        Counts[Requests]++;
        if (usage.Outcome == Outcomes.Succeeded)
        {
            Counts[Successes]++;
        }
        else
        {
            Counts[Failures]++;
            var errorType = Array.IndexOf(KnownErrorTypes, usage.ErrorType ?? ErrorTypes.Other);
            Counts[FirstErrorType + (errorType < 0 ? KnownErrorTypes.Length - 1 : errorType)]++;
        }

        Counts[InputTokens] += usage.InputTokens;
        Counts[OutputTokens] += usage.OutputTokens;
        Counts[CachedInputTokens] += usage.CachedInputTokens;
        Counts[CacheWriteTokens] += usage.CacheWriteTokens;
        Counts[ReasoningTokens] += usage.ReasoningTokens;
        if (usage.Streaming)
        {
            Counts[Streaming]++;
        }

        AddCost(ingested.Cost, usage, +1);

        if (usage.ReportedCostUsd is { } reported)
        {
            Counts[ReportedCount]++;
            Amounts[Reported] += reported;
        }

        if (usage.BilledAmountUsd is { } billed)
        {
            Counts[BilledCount]++;
            Amounts[Billed] += billed;
        }

        if (usage.EstimatedInputTokens is { } estimated)
        {
            Counts[EstimatedCount]++;
            Counts[EstimatedTokens] += estimated;
            Counts[EstimatedActual] += usage.InputTokens;
            Counts[EstimateError] += Math.Abs(estimated - usage.InputTokens);
        }

        Counts[FirstPromptBucket + PromptBucketOf(usage.InputTokens)]++;

        Amounts[LatencySum] += ToExact(usage.LatencyMs);
        Latency.Add(usage.LatencyMs);
        if (usage.TimeToFirstTokenMs is { } ttft)
        {
            Counts[TtftCount]++;
            Amounts[TtftSum] += ToExact(ttft);
            TimeToFirstToken.Add(ttft);
        }
    }

    /// <summary>
    /// Throws what <see cref="Add(UsageIngested)"/> would throw for this record alone (a latency no decimal holds), so the
    /// daemon can dead-letter it before the page is written.
    /// </summary>
    public static void Check(UsageIngested ingested)
    {
        _ = ToExact(ingested.Usage.LatencyMs);
        if (ingested.Usage.TimeToFirstTokenMs is { } ttft)
        {
            _ = ToExact(ttft);
        }
    }

    /// <summary>Adds every measure of <paramref name="other"/>: a per-dimension row is the sum of the full rows with its value.</summary>
    public void Add(RollupCell other)
    {
        for (var i = 0; i < Counts.Length; i++)
        {
            Counts[i] += other.Counts[i];
        }

        for (var i = 0; i < Amounts.Length; i++)
        {
            Amounts[i] += other.Amounts[i];
        }

        Latency.Merge(other.Latency);
        TimeToFirstToken.Merge(other.TimeToFirstToken);
    }

    /// <summary>
    /// A compensating re-price of the call <paramref name="original"/> recorded: the cost moves by current − previous, and an
    /// unpriced call may become priced (and so join the calls whose revenue or reported cost is compared with ours).
    /// </summary>
    public void AddRepricing(UsageRepriced repriced, UsageRecorded original)
    {
        AddCost(repriced.Previous, original, -1);
        AddCost(repriced.Current, original, +1);
    }

    private void AddCost(UsageCost cost, UsageRecorded usage, int sign)
    {
        Counts[cost.Priced ? Priced : Unpriced] += sign;
        if (!cost.Priced)
        {
            return;
        }

        Amounts[CostInput] += sign * cost.InputUsd;
        Amounts[CostCached] += sign * cost.CachedInputUsd;
        Amounts[CostCacheWrite] += sign * cost.CacheWriteUsd;
        Amounts[CostOutput] += sign * cost.OutputUsd;
        Amounts[CostReasoning] += sign * cost.ReasoningUsd;
        Amounts[CostTotal] += sign * cost.TotalUsd;

        // Only a priced call has a cost of ours to set against its revenue or the provider's figure.
        if (usage.BilledAmountUsd is { } billed)
        {
            Counts[BilledPricedCount] += sign;
            Amounts[BilledPricedAmount] += sign * billed;
            Amounts[BilledPricedCost] += sign * cost.TotalUsd;
        }

        if (usage.ReportedCostUsd is { } reported)
        {
            Counts[ReportedPricedCount] += sign;
            Amounts[ReportedPriced] += sign * reported;
            Amounts[ReportedPricedCost] += sign * cost.TotalUsd;
        }
    }

    // The first prompt-length bucket holding the count, or the open one past the last bound (a loop: a lambda here
    // allocated a closure per event).
    private static int PromptBucketOf(long inputTokens)
    {
        var bounds = UsageRollupTables.PromptLengthBounds;
        var bucket = 0;
        while (bucket < bounds.Length && inputTokens > bounds[bucket])
        {
            bucket++;
        }

        return bucket;
    }

    // Latencies are summed as decimals: a float sum would depend on the order of addition, i.e. on batching.
    private static decimal ToExact(double milliseconds) => Math.Round((decimal)milliseconds, 3);

    public static RollupDimensions DimensionsOf(UsageRecorded usage) => new(
        usage.Provider, usage.Model, usage.Feature ?? "default", usage.Team ?? "", usage.Environment ?? "", usage.Outcome);
}
