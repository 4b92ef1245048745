using TokenOptimizer.GraphQL;
using TokenOptimizer.ReadModels;

namespace TokenOptimizer.Query.GettingTimeSeries;

/// <summary>
/// Usage per minute, hour or day (and per value of a dimension), from the rollup table of that granularity with
/// exact edges (<see cref="UsageRollupReader.SeriesAsync"/>): the points add up to the slice's totals for any range. Unsplit,
/// every bucket of the range is present (zero when nothing happened); split, only the (bucket, value) pairs that
/// had calls, as a dense grid could hold thousands of buckets for every value.
/// </summary>
public sealed class TimeSeriesQuery(UsageRollupReader rollups, TimeProvider clock)
{
    public const int MaxBuckets = 2_000;

    public async Task<IReadOnlyList<TimeSeriesPoint>> GetAsync(UsageSlice slice, RollupGranularity granularity, Dimension? by, DatabaseTurns turns, CancellationToken cancellationToken)
    {
        var buckets = Buckets(slice, granularity, by, clock.GetUtcNow(), rollups.MinuteRowsKeptFor);
        var points = (await rollups.SeriesAsync(slice, granularity, by, turns, cancellationToken)).Select(b => new TimeSeriesPoint
        {
            BucketStart = b.BucketStart, Key = b.Key,
            Requests = b.Requests, Failures = b.Failures, InputTokens = b.InputTokens, OutputTokens = b.OutputTokens, CostUsd = b.CostUsd,
            P50LatencyMs = b.Latency.Quantile(0.50), P95LatencyMs = b.Latency.Quantile(0.95), P99LatencyMs = b.Latency.Quantile(0.99),
            RequestsPerSecond = b.CoveredSeconds > 0 ? b.Requests / b.CoveredSeconds : 0,
            Revenue = b.Revenue,
        }).ToList();

        if (by is null)
        {
            var present = points.Select(p => p.BucketStart).ToHashSet();
            points.AddRange(buckets.Where(b => !present.Contains(b)).Select(b => new TimeSeriesPoint
            {
                BucketStart = b, CostUsd = 0, Requests = 0, Failures = 0, InputTokens = 0, OutputTokens = 0, RequestsPerSecond = 0,
                Revenue = new RevenueSums(0, 0, 0, 0, 0),
            }));
        }

        return points.OrderBy(p => p.BucketStart).ThenBy(p => p.Key, StringComparer.Ordinal).ToList();
    }

    // The buckets the range touches, after refusing what the rollups cannot answer (or would answer too finely to be useful).
    private static List<DateTimeOffset> Buckets(UsageSlice slice, RollupGranularity granularity, Dimension? by, DateTimeOffset now, TimeSpan minuteRowsKeptFor)
    {
        if (by is { DailyOnly: true })
        {
            throw new GraphQLException($"by: {by.Name} is not available in timeSeries, as usage per user and API key is kept per UTC day only; use costBreakdown(by: {by.Name}).", "BAD_USER_INPUT");
        }

        var first = RollupRanges.Floor(slice.From, granularity.Width);
        var count = (RollupRanges.Ceiling(slice.To, granularity.Width) - first).Ticks / granularity.Width.Ticks;
        if (count > MaxBuckets)
        {
            throw new GraphQLException(
                $"granularity: {granularity.Name.ToUpperInvariant()} over this filter's range gives {count} buckets, more than the {MaxBuckets} allowed; choose a coarser granularity or a shorter range.",
                "BAD_USER_INPUT");
        }

        if (granularity == RollupGranularity.Minute && slice.From < now - minuteRowsKeptFor)
        {
            throw new GraphQLException(
                $"granularity: MINUTE data is kept for the last {minuteRowsKeptFor.TotalDays:0.#} days only and this filter's range starts earlier; choose HOUR or DAY.",
                "BAD_USER_INPUT");
        }

        return Enumerable.Range(0, (int)count).Select(i => first + granularity.Width * i).ToList();
    }
}
