
namespace TokenOptimizer.ReadModels;

/// <summary>
/// Splits a minute-aligned range into the fewest rollup rows that cover it exactly: whole UTC days from the day
/// rollup, whole hours at the edges from the hour rollup, and the minutes at the very edges from the minute
/// rollup. Totals are then exact for any range, cheap for long ones. Minute rows are kept only for a while
/// (<c>minuteRowsKeptFor</c>); an edge older than that is widened to its whole hour, the finest data left.
/// </summary>
public static class RollupRanges
{
    public static IReadOnlyList<(RollupGranularity Granularity, DateTimeOffset From, DateTimeOffset To)> Cover(
        DateTimeOffset from, DateTimeOffset to, DateTimeOffset now, TimeSpan minuteRowsKeptFor)
    {
        var parts = new List<(RollupGranularity, DateTimeOffset, DateTimeOffset)>();
        var minutesFrom = now - minuteRowsKeptFor;
        if (from < minutesFrom)
        {
            from = Floor(from, TimeSpan.FromHours(1));
        }

        if (to < minutesFrom)
        {
            to = Ceiling(to, TimeSpan.FromHours(1));
        }

        void Add(RollupGranularity granularity, DateTimeOffset start, DateTimeOffset end)
        {
            if (start < end)
            {
                parts.Add((granularity, start, end));
            }
        }

        var hoursFrom = Ceiling(from, TimeSpan.FromHours(1));
        var hoursTo = Floor(to, TimeSpan.FromHours(1));
        if (hoursFrom >= hoursTo)
        {
            Add(RollupGranularity.Minute, from, to);
            return parts;
        }

        var daysFrom = Ceiling(hoursFrom, TimeSpan.FromDays(1));
        var daysTo = Floor(hoursTo, TimeSpan.FromDays(1));
        Add(RollupGranularity.Minute, from, hoursFrom);
        if (daysFrom < daysTo)
        {
            Add(RollupGranularity.Hour, hoursFrom, daysFrom);
            Add(RollupGranularity.Day, daysFrom, daysTo);
            Add(RollupGranularity.Hour, daysTo, hoursTo);
        }
        else
        {
            Add(RollupGranularity.Hour, hoursFrom, hoursTo);
        }

        Add(RollupGranularity.Minute, hoursTo, to);
        return parts;
    }

    public static DateTimeOffset Floor(DateTimeOffset at, TimeSpan unit) => new(at.UtcTicks - at.UtcTicks % unit.Ticks, TimeSpan.Zero);

    public static DateTimeOffset Ceiling(DateTimeOffset at, TimeSpan unit) =>
        at.UtcTicks % unit.Ticks == 0 ? at.ToUniversalTime() : Floor(at, unit) + unit;
}
