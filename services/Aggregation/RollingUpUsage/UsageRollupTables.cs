using TokenOptimizer.Aggregation.RetainingUsage;
using TokenOptimizer.Aggregation.RunningProjections;
using TokenOptimizer.ReadModels;

namespace TokenOptimizer.Aggregation.RollingUpUsage;

/// <summary>
/// <c>usage_rollup_minute</c>, <c>usage_rollup_hour</c>, <c>usage_rollup_day</c>: usage per time bucket and
/// per provider, model, feature, team, environment and outcome. Any slice is a SUM over rows (and a merge of
/// their latency sketches). Timeouts are <c>errors_timeout</c>; the streaming share is
/// <c>streaming_count / request_count</c>; <c>prompts_upto_*</c> is the prompt-length histogram. Rows are
/// updated in place batch after batch: the fill factor leaves room for those updates to stay on their page.
/// <c>usage_total_*</c> have the same columns and one row per bucket, with every dimension empty.
/// </summary>
public static class UsageRollupTables
{
    /// <summary>Every table, each with its retired part (see <see cref="RetiredTables"/>).</summary>
    public static IEnumerable<string> Tables => RollupGranularity.All.SelectMany(g => new[] { g.Table, g.TotalsTable }).SelectMany(t => new[] { t, RetiredTables.Of(t) });

    public static string Ddl => AddingTotals + string.Concat(Tables.Select(DdlFor));

    // Rollups made before the totals tables existed are rebuilt from zero, so the totals are filled from the first event.
    private static string AddingTotals => $"""
        DO $$ BEGIN
            IF to_regclass('{RollupGranularity.Day.Table}') IS NOT NULL AND to_regclass('{RollupGranularity.Day.TotalsTable}') IS NULL AND to_regclass('{OldCheckpoints.Table}') IS NOT NULL THEN
                {string.Concat(RollupGranularity.All.Select(g => $"TRUNCATE {g.Table}; "))}
                UPDATE {OldCheckpoints.Table} SET position = 0 WHERE name = '{UsageRollupProjection.ProjectionName}';
            END IF;
        END $$;
        """;

    private static string DdlFor(string table) => $"""
        CREATE TABLE IF NOT EXISTS {table} (
            bucket_start timestamptz NOT NULL,
            provider     text        NOT NULL,
            model        text        NOT NULL,
            feature      text        NOT NULL,
            team         text        NOT NULL,
            environment  text        NOT NULL,
            outcome      text        NOT NULL,
            {string.Join(",\n    ", RollupCell.CountColumns.Select(c => c + " bigint NOT NULL DEFAULT 0"))},
            {string.Join(",\n    ", RollupCell.AmountColumns.Select(c => c + " numeric NOT NULL DEFAULT 0"))},
            latency_sketch bytea,
            ttft_sketch    bytea,
            PRIMARY KEY (bucket_start, provider, model, feature, team, environment, outcome)
        ) WITH (fillfactor = 80);
        """;
}
