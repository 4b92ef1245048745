using TokenOptimizer.Aggregation.RetainingUsage;

namespace TokenOptimizer.Aggregation.LoggingRequests;

/// <summary>
/// <c>usage_rollup_user_day</c>: usage and cost per UTC day, user (empty when the call named none) and the rollup
/// dimensions, so cost by user is a SUM over days rather than a scan of the request log. The primary key leads
/// with the day for date ranges, which is how every query reads it; a second index would only slow the
/// upserts (nearly one per event on sparse user traffic), so the one earlier versions made is dropped.
/// </summary>
public static class UserRollupTables
{
    public const string UserDay = "usage_rollup_user_day";

    internal static readonly CounterColumn[] KeyColumns =
    [
        new("day", "date"), new("user_id", "text"), new("provider", "text"), new("model", "text"),
        new("feature", "text"), new("team", "text"), new("environment", "text"), new("outcome", "text"),
    ];

    internal static readonly CounterColumn[] MeasureColumns =
        [.. UserDayCell.CountColumns.Select(c => new CounterColumn(c, "bigint")), new("cost_total_usd", "numeric")];

    /// <summary>Every column, keys first.</summary>
    internal static string Columns => string.Join(", ", KeyColumns.Concat(MeasureColumns).Select(c => c.Name));

    /// <summary>The table and its retired part (see <see cref="RetiredTables"/>).</summary>
    public static string Ddl => DdlFor(UserDay) + DdlFor(RetiredTables.Of(UserDay)) + $"DROP INDEX IF EXISTS {UserDay}_user_idx;";

    // Rows are updated in place batch after batch: the fill factor leaves room for those updates on their page.
    private static string DdlFor(string table) => $"""
        CREATE TABLE IF NOT EXISTS {table} (
            {string.Join(",\n    ", KeyColumns.Select(c => $"{c.Name} {c.Type} NOT NULL"))},
            {string.Join(",\n    ", MeasureColumns.Select(c => $"{c.Name} {c.Type} NOT NULL DEFAULT 0"))},
            PRIMARY KEY ({string.Join(", ", KeyColumns.Select(c => c.Name))})
        ) WITH (fillfactor = 80);
        """;
}
