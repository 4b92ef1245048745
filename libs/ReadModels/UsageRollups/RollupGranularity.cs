namespace TokenOptimizer.ReadModels;

/// <summary>
/// A rollup's time bucket and the read models that hold it: <see cref="Table"/> per bucket and dimensions,
/// <see cref="TotalsTable"/> per bucket alone (its dimension columns are all empty), so a slice without
/// dimension filters sums and merges one row per bucket instead of thousands, and <see cref="DimensionTable"/>
/// per bucket and value of each dimension alone, for a slice that filters or splits by one dimension.
/// </summary>
public sealed record RollupGranularity(string Name, string Table, string TotalsTable, TimeSpan Width)
{
    public string DimensionTable => "usage_by_dimension_" + Name;

    public static RollupGranularity Minute { get; } = new("minute", "usage_rollup_minute", "usage_total_minute", TimeSpan.FromMinutes(1));

    public static RollupGranularity Hour { get; } = new("hour", "usage_rollup_hour", "usage_total_hour", TimeSpan.FromHours(1));

    public static RollupGranularity Day { get; } = new("day", "usage_rollup_day", "usage_total_day", TimeSpan.FromDays(1));

    public static IReadOnlyList<RollupGranularity> All { get; } = [Minute, Hour, Day];

    public static RollupGranularity? Named(string name) => All.FirstOrDefault(g => g.Name == name);

    /// <summary>The start (UTC) of the bucket holding <paramref name="at"/>.</summary>
    public DateTime BucketOf(DateTimeOffset at)
    {
        var ticks = at.UtcTicks;
        return new DateTime(ticks - ticks % Width.Ticks, DateTimeKind.Utc);
    }
}
