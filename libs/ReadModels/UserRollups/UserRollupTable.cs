namespace TokenOptimizer.ReadModels;

/// <summary>
/// <c>usage_rollup_user_day</c> (owner: Aggregation's user rollup projection): usage and cost per UTC day, user, API key
/// id (each empty when the call named none) and the rollup dimensions, so cost by user or by key is a SUM over days
/// rather than a scan of the request log. Callers are kept per day, not per minute or hour: users are many and sparse,
/// and a minute or hour row per user would cost more than the request log it summarises; keys sit beside users rather
/// than in the minute rollups for the same reason (key times every other dimension per minute), and a user calls
/// through one key or a few, so the key adds few rows here. The primary key leads with the day for date ranges, which is how every query reads it; a second index
/// would only slow the upserts (nearly one per event on sparse user traffic), so the one earlier versions made is
/// dropped. Read through <see cref="UserRollupReader"/>.
/// </summary>
public static class UserRollupTable
{
    public const string Name = "usage_rollup_user_day";

    /// <summary>The key columns with their PostgreSQL types, in primary-key order.</summary>
    public static readonly IReadOnlyList<(string Name, string Type)> KeyColumns =
    [
        ("day", "date"), ("user_id", "text"), ("api_key_id", "text"), ("provider", "text"), ("model", "text"),
        ("feature", "text"), ("team", "text"), ("environment", "text"), ("outcome", "text"),
    ];

    /// <summary>The counter columns, in the order the writer keeps its counts.</summary>
    public static readonly IReadOnlyList<string> CountColumns =
        ["request_count", "input_tokens", "output_tokens", "cached_input_tokens", "cache_write_tokens", "reasoning_tokens", "priced_count", "unpriced_count"];

    /// <summary>The measure columns with their types: the counters, then the cost.</summary>
    public static readonly IReadOnlyList<(string Name, string Type)> MeasureColumns = [.. CountColumns.Select(c => (c, "bigint")), ("cost_total_usd", "numeric")];

    /// <summary>Every column, keys first.</summary>
    public static string Columns => string.Join(", ", KeyColumns.Select(c => c.Name).Concat(MeasureColumns.Select(c => c.Name)));

    public static string Ddl => DdlFor(Name) + $"DROP INDEX IF EXISTS {Name}_user_idx;";

    /// <summary>A table with this one's columns and key, named <paramref name="table"/>: the owner keeps a working twin of it.</summary>
    // Rows are updated in place batch after batch: the fill factor leaves room for those updates on their page.
    public static string DdlFor(string table) => $"""
        CREATE TABLE IF NOT EXISTS {table} (
            {string.Join(",\n    ", KeyColumns.Select(c => $"{c.Name} {c.Type} NOT NULL"))},
            {string.Join(",\n    ", MeasureColumns.Select(c => $"{c.Name} {c.Type} NOT NULL DEFAULT 0"))},
            PRIMARY KEY ({string.Join(", ", KeyColumns.Select(c => c.Name))})
        ) WITH (fillfactor = 80);
        """;
}
