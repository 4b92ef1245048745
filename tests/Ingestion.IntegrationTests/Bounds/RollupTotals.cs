using TokenOptimizer.UsageLog;

namespace TokenOptimizer.Ingestion.IntegrationTests.Bounds;

/// <summary>
/// What the read models hold in total, summed over every row: the day totals (kept forever), the day rollups by
/// dimension, the users' days and the request log. The difference of two readings is what the projections applied.
/// </summary>
internal sealed record RollupTotals(decimal[] Values)
{
    private static readonly string[] DayMeasures =
    [
        "request_count", "input_tokens", "output_tokens", "cached_input_tokens", "cache_write_tokens", "reasoning_tokens",
        "estimated_count", "estimated_input_tokens", "estimated_actual_input_tokens", "estimate_abs_error_tokens",
        "reported_cost_count", "reported_cost_usd", "billed_count", "billed_amount_usd", "streaming_count",
        "latency_sum_ms", "ttft_count", "ttft_sum_ms", "cost_total_usd",
    ];

    public static readonly string[] Names =
    [
        .. DayMeasures, "rollup_day.request_count", "rollup_day.input_tokens", "user_day.request_count", "user_day.output_tokens",
        "user_day.cost_total_usd", "usage_requests.count",
    ];

    public static async Task<RollupTotals> ReadAsync(IngestionHost host)
    {
        var sums = string.Join(", ", DayMeasures.Select(m => $"(SELECT coalesce(sum({m}), 0)::numeric FROM usage_total_day)"));
        await using var command = host.DataSource.CreateCommand($"""
            SELECT {sums},
                (SELECT coalesce(sum(request_count), 0)::numeric FROM usage_rollup_day), (SELECT coalesce(sum(input_tokens), 0)::numeric FROM usage_rollup_day),
                (SELECT coalesce(sum(request_count), 0)::numeric FROM usage_rollup_user_day), (SELECT coalesce(sum(output_tokens), 0)::numeric FROM usage_rollup_user_day),
                (SELECT coalesce(sum(cost_total_usd), 0)::numeric FROM usage_rollup_user_day), (SELECT count(*)::numeric FROM usage_requests)
            """);
        await using var reader = await command.ExecuteReaderAsync();
        await reader.ReadAsync();
        return new RollupTotals([.. Enumerable.Range(0, Names.Length).Select(reader.GetDecimal)]);
    }

    /// <summary>What the accepted records add up to, each with the cost Ingestion priced it at.</summary>
    public static RollupTotals Of(IReadOnlyList<(UsageCandidate Record, UsageCost Cost)> accepted)
    {
        decimal Sum(Func<UsageCandidate, decimal> measure) => accepted.Sum(a => measure(a.Record));
        decimal Count(Func<UsageCandidate, bool> holds) => accepted.Count(a => holds(a.Record));
        var requests = accepted.Count;
        var cost = accepted.Sum(a => a.Cost.Priced ? a.Cost.TotalUsd : 0m);
        return new RollupTotals(
        [
            requests, Sum(r => r.InputTokens), Sum(r => r.OutputTokens), Sum(r => r.CachedInputTokens), Sum(r => r.CacheWriteTokens), Sum(r => r.ReasoningTokens),
            Count(r => r.EstimatedInputTokens is not null), Sum(r => r.EstimatedInputTokens ?? 0), Sum(r => r.EstimatedInputTokens is null ? 0 : r.InputTokens),
            Sum(r => r.EstimatedInputTokens is { } e ? Math.Abs(e - r.InputTokens) : 0),
            Count(r => r.ReportedCostUsd is not null), Sum(r => r.ReportedCostUsd ?? 0), Count(r => r.BilledAmountUsd is not null), Sum(r => r.BilledAmountUsd ?? 0),
            Count(r => r.Streaming), Sum(r => Math.Round((decimal)r.LatencyMs, 3)), Count(r => r.TimeToFirstTokenMs is not null),
            Sum(r => r.TimeToFirstTokenMs is { } t ? Math.Round((decimal)t, 3) : 0), cost,
            requests, Sum(r => r.InputTokens), requests, Sum(r => r.OutputTokens), cost, requests,
        ]);
    }

    public RollupTotals Minus(RollupTotals earlier) => new([.. Values.Zip(earlier.Values, (a, b) => a - b)]);

    public override string ToString() => string.Join(", ", Names.Zip(Values, (n, v) => $"{n} = {v}"));

    public bool Equals(RollupTotals? other) => other is not null && Values.SequenceEqual(other.Values);

    public override int GetHashCode() => Values.Length;
}
