using TokenOptimizer.ReadModels;

namespace TokenOptimizer.Aggregation.RetainingUsage;

/// <summary>
/// A rollup's retired part: the same columns as the rollup, holding what the usage events that retention deleted added
/// to it. The rollup is always its retired part plus what the log still holds, so a rebuild starts from the retired
/// part and replays the log on top.
/// </summary>
public static class RetiredTables
{
    /// <summary>The rollup tables that have a retired part, but the user rollup: every granularity's rollup and totals.</summary>
    public static IEnumerable<string> Rollups => RollupGranularity.All.SelectMany(g => new[] { g.Table, g.TotalsTable });

    /// <summary>The per-dimension rollup tables, which have a retired part too (with their own key).</summary>
    public static IEnumerable<string> DimensionRollups => RollupGranularity.All.Select(g => g.DimensionTable);

    /// <summary>The retired parts' tables, created if missing (the owner's working tables: no reader reads them).</summary>
    public static string Ddl =>
        string.Concat(Rollups.Select(t => UsageRollupTables.DdlFor(Of(t)))) + string.Concat(DimensionRollups.Select(t => UsageRollupTables.DimensionDdlFor(Of(t))))
        + UserRollupTable.DdlFor(Of(UserRollupTable.Name));

    /// <summary>The retired part of rollup table <paramref name="table"/>.</summary>
    public static string Of(string table) => table + "_retired";

    /// <summary>Empties <paramref name="table"/> and fills it with its retired part: a rollup's state before the first event the log holds.</summary>
    public static string ResetSql(string table, string columns) =>
        $"TRUNCATE {table}; INSERT INTO {table} ({columns}) SELECT {columns} FROM {Of(table)};";
}
