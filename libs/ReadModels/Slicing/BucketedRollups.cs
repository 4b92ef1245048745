
namespace TokenOptimizer.ReadModels;

/// <summary>
/// The rollup rows of a slice, each tagged with the time bucket (minute, hour or day) it falls in. Whole buckets
/// are read from that granularity's own table; the partial buckets at the edges of the range from finer rows
/// (<see cref="RollupRanges"/>), so an edge bucket holds exactly the part of it inside the range and the buckets
/// add up to the slice's totals. Rows never come from a coarser table than the bucket, so they split cleanly.
/// </summary>
internal static class BucketedRollups
{
    public static IReadOnlyList<(RollupGranularity Granularity, DateTimeOffset From, DateTimeOffset To)> Cover(
        UsageSlice slice, RollupGranularity bucket, DateTimeOffset now, TimeSpan minuteRowsKeptFor)
    {
        var wholeFrom = RollupRanges.Ceiling(slice.From, bucket.Width);
        var wholeTo = RollupRanges.Floor(slice.To, bucket.Width);
        if (wholeFrom >= wholeTo)
        {
            // No whole bucket inside: finer rows only, and RollupRanges never picks a coarser table than the range needs.
            return RollupRanges.Cover(slice.From, slice.To, now, minuteRowsKeptFor);
        }

        return [.. Edge(slice.From, wholeFrom), (bucket, wholeFrom, wholeTo), .. Edge(wholeTo, slice.To)];

        // An empty edge is skipped: RollupRanges would widen an old one to its whole hour.
        IEnumerable<(RollupGranularity, DateTimeOffset, DateTimeOffset)> Edge(DateTimeOffset from, DateTimeOffset to) =>
            from < to ? RollupRanges.Cover(from, to, now, minuteRowsKeptFor) : [];
    }

    /// <summary>A UNION ALL of the covering rows as <c>bucket</c> (the bucket's start) followed by <paramref name="columns"/>.</summary>
    /// <param name="reads">As for <see cref="RollupUnion.Sql"/>: the dimension columns the caller reads.</param>
    public static string Sql(UsageSlice slice, RollupGranularity bucket, string columns, SqlFilter filter, DateTimeOffset now, TimeSpan minuteRowsKeptFor,
        IReadOnlyCollection<string> reads)
    {
        // Buckets count from the Unix epoch in UTC, so days are UTC days whatever the session's time zone.
        var bucketStart = $"date_bin('{(long)bucket.Width.TotalSeconds} seconds'::interval, bucket_start, TIMESTAMPTZ 'epoch') AS bucket";
        var parts = Cover(slice, bucket, now, minuteRowsKeptFor);
        if (parts.Count == 0)
        {
            return $"SELECT {bucketStart}, {columns} FROM {bucket.Table} WHERE FALSE";
        }

        return string.Join("\nUNION ALL\n", parts.Select(p =>
            $"SELECT {bucketStart}, {columns} FROM {RollupSource.For(p.Granularity, slice, reads)} WHERE {filter.Where(slice, "bucket_start", p.From, p.To)}"));
    }
}
