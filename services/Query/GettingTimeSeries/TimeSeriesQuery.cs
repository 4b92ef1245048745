using Microsoft.Extensions.Options;
using Npgsql;
using TokenOptimizer.GraphQL;
using TokenOptimizer.Query.Filtering;
using TokenOptimizer.Query.Serving;
using TokenOptimizer.ReadModels;

namespace TokenOptimizer.Query.GettingTimeSeries;

/// <summary>
/// Usage per minute, hour or day (and per value of a dimension), from the rollup table of that granularity with
/// exact edges (<see cref="BucketedRollups"/>): the points add up to the slice's totals for any range. Unsplit,
/// every bucket of the range is present (zero when nothing happened); split, only the (bucket, value) pairs that
/// had calls, as a dense grid could hold thousands of buckets for every value.
/// </summary>
public sealed class TimeSeriesQuery(NpgsqlDataSource dataSource, TimeProvider clock, IOptions<QueryOptions> options)
{
    public const int MaxBuckets = 2_000;

    public async Task<IReadOnlyList<TimeSeriesPoint>> GetAsync(UsageSlice slice, RollupGranularity granularity, Dimension? by, DatabaseTurns turns, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var minuteRowsKeptFor = options.Value.MinuteRowsKeptFor;
        var buckets = Buckets(slice, granularity, by, now, minuteRowsKeptFor);
        var filter = new SqlFilter();
        var key = by is null ? "NULL::text" : by.Column;
        var rows = BucketedRollups.Sql(slice, granularity, $"{key} AS key, request_count, failure_count, input_tokens, output_tokens, cost_total_usd, latency_sketch",
            filter, now, minuteRowsKeptFor, acrossDimensions: by is null);
        using var turn = await turns.TakeAsync(cancellationToken);
        await using var command = filter.Command(dataSource, $"""
            SELECT bucket, key, sum(request_count)::bigint, sum(failure_count)::bigint, sum(input_tokens)::bigint, sum(output_tokens)::bigint,
                   sum(cost_total_usd), array_agg(latency_sketch) FILTER (WHERE latency_sketch IS NOT NULL)
            FROM ({rows}) r GROUP BY bucket, key
            """);
        var covered = CoveredSeconds(BucketedRollups.Cover(slice, granularity, now, minuteRowsKeptFor), buckets, granularity);
        var points = new List<TimeSeriesPoint>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            var bucketStart = new DateTimeOffset(reader.GetDateTime(0), TimeSpan.Zero);
            var latency = new LatencySketch();
            if (!await reader.IsDBNullAsync(7, cancellationToken))
            {
                foreach (var bytes in await reader.GetFieldValueAsync<byte[][]>(7, cancellationToken))
                {
                    latency.MergeBytes(bytes);
                }
            }

            var requests = reader.GetInt64(2);
            var seconds = covered.GetValueOrDefault(bucketStart);
            points.Add(new TimeSeriesPoint
            {
                BucketStart = bucketStart, Key = await reader.IsDBNullAsync(1, cancellationToken) ? null : reader.GetString(1),
                Requests = requests, Failures = reader.GetInt64(3), InputTokens = reader.GetInt64(4), OutputTokens = reader.GetInt64(5),
                CostUsd = reader.GetDecimal(6),
                P50LatencyMs = latency.Quantile(0.50), P95LatencyMs = latency.Quantile(0.95), P99LatencyMs = latency.Quantile(0.99),
                RequestsPerSecond = seconds > 0 ? requests / seconds : 0,
            });
        }

        if (by is null)
        {
            var present = points.Select(p => p.BucketStart).ToHashSet();
            points.AddRange(buckets.Where(b => !present.Contains(b)).Select(b => new TimeSeriesPoint
            {
                BucketStart = b, CostUsd = 0, Requests = 0, Failures = 0, InputTokens = 0, OutputTokens = 0, RequestsPerSecond = 0,
            }));
        }

        return points.OrderBy(p => p.BucketStart).ThenBy(p => p.Key, StringComparer.Ordinal).ToList();
    }

    // The buckets the range touches, after refusing what the rollups cannot answer (or would answer too finely to be useful).
    private static List<DateTimeOffset> Buckets(UsageSlice slice, RollupGranularity granularity, Dimension? by, DateTimeOffset now, TimeSpan minuteRowsKeptFor)
    {
        if (by == Dimension.User)
        {
            throw new GraphQLException("by: USER is not available in timeSeries, as usage per user is kept per UTC day only; use costBreakdown(by: USER).", "BAD_USER_INPUT");
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

    // How much of each bucket the rows cover: all of it, except at the edges of the range.
    private static Dictionary<DateTimeOffset, double> CoveredSeconds(
        IReadOnlyList<(RollupGranularity Granularity, DateTimeOffset From, DateTimeOffset To)> cover, List<DateTimeOffset> buckets, RollupGranularity granularity) =>
        buckets.ToDictionary(b => b, b => cover.Sum(part =>
        {
            var overlap = Min(part.To, b + granularity.Width) - Max(part.From, b);
            return overlap > TimeSpan.Zero ? overlap.TotalSeconds : 0;
        }));

    private static DateTimeOffset Min(DateTimeOffset a, DateTimeOffset b) => a < b ? a : b;

    private static DateTimeOffset Max(DateTimeOffset a, DateTimeOffset b) => a > b ? a : b;
}
