namespace TokenOptimizer.ReadModels;

/// <summary>
/// The rollup rows of a slice as one relation: a UNION ALL over the day, hour and minute rows that
/// <see cref="RollupRanges"/> chose, each filtered the same way. Callers aggregate over it.
/// </summary>
internal static class RollupUnion
{
    /// <param name="acrossDimensions">The caller reads no dimension column, so a slice without dimension filters can
    /// read the per-bucket totals: a handful of rows instead of one per bucket and dimension values.</param>
    public static string Sql(UsageSlice slice, string columns, SqlFilter filter, DateTimeOffset now, TimeSpan minuteRowsKeptFor, bool acrossDimensions = false)
    {
        var totals = acrossDimensions && slice.IsWholeRange;
        var parts = RollupRanges.Cover(slice.From, slice.To, now, minuteRowsKeptFor);
        if (parts.Count == 0)
        {
            return $"SELECT {columns} FROM {RollupGranularity.Day.Table} WHERE FALSE";
        }

        return string.Join("\nUNION ALL\n", parts.Select(p =>
            $"SELECT {columns} FROM {(totals ? p.Granularity.TotalsTable : p.Granularity.Table)} WHERE {filter.Where(slice, "bucket_start", p.From, p.To)}"));
    }
}
