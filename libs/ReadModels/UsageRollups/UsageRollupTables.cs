namespace TokenOptimizer.ReadModels;

/// <summary>
/// <c>usage_rollup_minute</c>, <c>usage_rollup_hour</c>, <c>usage_rollup_day</c> (owner: Aggregation's rollup
/// projection): usage per time bucket and per provider, model, feature, team, environment and outcome. Any slice is a
/// SUM over rows (and a merge of their latency sketches). Timeouts are <c>errors_timeout</c>; the streaming share is
/// <c>streaming_count / request_count</c>; <c>prompts_upto_*</c> is the prompt-length histogram. Rows are updated in
/// place batch after batch: the fill factor leaves room for those updates to stay on their page.
/// <c>usage_total_*</c> have the same columns and one row per bucket, with every dimension empty.
/// <c>usage_by_dimension_*</c> have the same measures per bucket, <c>dimension</c> (a column name of
/// <see cref="DimensionColumns"/>) and <c>value</c>: each call counts once under each dimension.
/// Read through <see cref="UsageRollupReader"/>.
/// </summary>
public static class UsageRollupTables
{
    /// <summary>Counter columns, in the order the writer keeps its counts.</summary>
    public static readonly string[] CountColumns =
    [
        "request_count", "success_count", "failure_count",
        "errors_timeout", "errors_rate_limit", "errors_invalid_request", "errors_server_error", "errors_auth_error", "errors_content_filter", "errors_other",
        "input_tokens", "output_tokens", "cached_input_tokens", "cache_write_tokens", "reasoning_tokens",
        "priced_count", "unpriced_count", "streaming_count", "ttft_count", "reported_cost_count", "billed_count",
        "estimated_count", "estimated_input_tokens", "estimated_actual_input_tokens", "estimate_abs_error_tokens",
        "prompts_upto_256", "prompts_upto_1k", "prompts_upto_4k", "prompts_upto_16k", "prompts_upto_64k", "prompts_upto_200k", "prompts_over_200k",
        "billed_priced_count", "reported_priced_count",
    ];

    /// <summary>
    /// Decimal columns, in the order the writer keeps its amounts. <c>billed_priced_*</c> are the calls that carry both a
    /// billed amount and our price (what margin compares: their revenue and their cost), <c>reported_priced_*</c> those that
    /// carry both the provider's reported cost and our price (the provider's figure and ours for the same calls). A column
    /// added later is added to existing tables with zeros: the rollups are then rebuilt from the events the log still holds.
    /// </summary>
    public static readonly string[] AmountColumns =
    [
        "cost_input_usd", "cost_cached_input_usd", "cost_cache_write_usd", "cost_output_usd", "cost_reasoning_usd", "cost_total_usd",
        "billed_amount_usd", "reported_cost_usd", "latency_sum_ms", "ttft_sum_ms",
        "billed_priced_amount_usd", "billed_priced_cost_usd", "reported_priced_usd", "reported_priced_cost_usd",
    ];

    /// <summary>The error types with a column of their own (<c>errors_&lt;type&gt;</c>), in column order; an unknown type counts as the last, other.</summary>
    public static readonly IReadOnlyList<string> ErrorTypes =
    [
        Contracts.ErrorTypes.Timeout, Contracts.ErrorTypes.RateLimit, Contracts.ErrorTypes.InvalidRequest, Contracts.ErrorTypes.ServerError,
        Contracts.ErrorTypes.AuthError, Contracts.ErrorTypes.ContentFilter, Contracts.ErrorTypes.Other,
    ];

    /// <summary>
    /// The error types a provider caused (its availability): timeouts, rate limits, server errors and the unclassified;
    /// the caller's own mistakes (invalid request, auth, content filter) do not count against it.
    /// </summary>
    public static readonly IReadOnlyList<string> ProviderErrorTypes =
        [Contracts.ErrorTypes.Timeout, Contracts.ErrorTypes.RateLimit, Contracts.ErrorTypes.ServerError, Contracts.ErrorTypes.Other];

    /// <summary>The prompt-length histogram: each bucket's inclusive upper bound (null: the open last one) and its column.</summary>
    public static readonly IReadOnlyList<(long? UpToTokens, string Column)> PromptLengthBuckets =
    [
        (256, "prompts_upto_256"), (1024, "prompts_upto_1k"), (4096, "prompts_upto_4k"), (16_384, "prompts_upto_16k"),
        (65_536, "prompts_upto_64k"), (200_000, "prompts_upto_200k"), (null, "prompts_over_200k"),
    ];

    /// <summary>The histogram's closed buckets' upper bounds (inclusive), ascending; a prompt above the last falls in the open bucket.</summary>
    public static readonly long[] PromptLengthBounds = [.. PromptLengthBuckets.Where(b => b.UpToTokens is not null).Select(b => b.UpToTokens!.Value)];

    /// <summary>The dimensions of a rollup row, in key order: the columns of the full rollup, the values of the per-dimension one.</summary>
    public static readonly IReadOnlyList<string> DimensionColumns = ["provider", "model", "feature", "team", "environment", "outcome"];

    /// <summary>Every rollup, totals and per-dimension table, created if missing.</summary>
    public static string Ddl => string.Concat(RollupGranularity.All.Select(g => DdlFor(g.Table) + DdlFor(g.TotalsTable) + DimensionDdlFor(g.DimensionTable)));

    /// <summary>The column holding the failures of <paramref name="errorType"/>.</summary>
    public static string ErrorColumn(string errorType) => "errors_" + errorType;

    /// <summary>A table with the rollups' columns and key, named <paramref name="table"/>: the owner keeps working twins of them.</summary>
    public static string DdlFor(string table) =>
        TableDdl(table, string.Concat(DimensionColumns.Select(c => $"{c} text NOT NULL,\n    ")), $"bucket_start, {string.Join(", ", DimensionColumns)}");

    /// <summary>
    /// A per-dimension rollup named <paramref name="table"/>. Keyed by dimension first: a query reads one dimension's
    /// rows over a time range, and a filtered one a single value of it.
    /// </summary>
    public static string DimensionDdlFor(string table) => TableDdl(table, "dimension text NOT NULL,\n    value text NOT NULL,\n    ", "dimension, bucket_start, value");

    /// <summary>Every measure column with its type and default, counters first.</summary>
    public static IEnumerable<string> MeasureDefinitions =>
        CountColumns.Select(c => c + " bigint NOT NULL DEFAULT 0").Concat(AmountColumns.Select(c => c + " numeric NOT NULL DEFAULT 0"));

    // The ALTER gives a table made before a measure existed its column (the definitions are appended to, never reordered).
    private static string TableDdl(string table, string keyColumns, string primaryKey) => $"""
        CREATE TABLE IF NOT EXISTS {table} (
            bucket_start timestamptz NOT NULL,
            {keyColumns}{string.Join(",\n    ", MeasureDefinitions)},
            latency_sketch bytea,
            ttft_sketch    bytea,
            PRIMARY KEY ({primaryKey})
        ) WITH (fillfactor = 80);
        ALTER TABLE {table} {string.Join(", ", MeasureDefinitions.Select(d => "ADD COLUMN IF NOT EXISTS " + d))};
        """;
}
