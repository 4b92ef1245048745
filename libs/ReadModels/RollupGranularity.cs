namespace TokenOptimizer.ReadModels;

/// <summary>A rollup's time bucket and the read model that holds it.</summary>
public sealed record RollupGranularity(string Name, string Table, TimeSpan Width)
{
    public static RollupGranularity Minute { get; } = new("minute", "usage_rollup_minute", TimeSpan.FromMinutes(1));

    public static RollupGranularity Hour { get; } = new("hour", "usage_rollup_hour", TimeSpan.FromHours(1));

    public static RollupGranularity Day { get; } = new("day", "usage_rollup_day", TimeSpan.FromDays(1));

    public static IReadOnlyList<RollupGranularity> All { get; } = [Minute, Hour, Day];

    public static RollupGranularity? Named(string name) => All.FirstOrDefault(g => g.Name == name);

    /// <summary>The start (UTC) of the bucket holding <paramref name="at"/>.</summary>
    public DateTime BucketOf(DateTimeOffset at)
    {
        var ticks = at.UtcTicks;
        return new DateTime(ticks - ticks % Width.Ticks, DateTimeKind.Utc);
    }
}
