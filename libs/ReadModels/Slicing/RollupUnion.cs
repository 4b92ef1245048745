namespace TokenOptimizer.ReadModels;

/// <summary>
/// The rollup rows of a slice as one relation: a UNION ALL over the day, hour and minute rows that
/// <see cref="RollupRanges"/> chose, each from the read model <see cref="RollupSource"/> chose and filtered the same
/// way. Callers aggregate over it.
/// </summary>
internal static class RollupUnion
{
    /// <param name="reads">The dimension columns the caller reads (none: the slice's totals); the fewer, the fewer rows
    /// are read (<see cref="RollupSource"/>).</param>
    public static string Sql(UsageSlice slice, string columns, SqlFilter filter, DateTimeOffset now, TimeSpan minuteRowsKeptFor, IReadOnlyCollection<string> reads)
    {
        var parts = RollupRanges.Cover(slice.From, slice.To, now, minuteRowsKeptFor);
        if (parts.Count == 0)
        {
            return $"SELECT {columns} FROM {RollupGranularity.Day.Table} WHERE FALSE";
        }

        return string.Join("\nUNION ALL\n", parts.Select(p =>
            $"SELECT {columns} FROM {RollupSource.For(p.Granularity, slice, reads)} WHERE {filter.Where(slice, "bucket_start", p.From, p.To)}"));
    }
}
