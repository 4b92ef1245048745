using System.Runtime.CompilerServices;

namespace TokenOptimizer.ReadModels;

// Questions answered per time bucket: series, the weekday × hour heatmap, cost per day.
public sealed partial class UsageRollupReader
{
    /// <summary>
    /// Usage per bucket of <paramref name="granularity"/> (and per value of <paramref name="by"/>), with exact edges: the
    /// buckets add up to the slice's totals. Only the (bucket, value) pairs that had calls are returned.
    /// </summary>
    public Task<List<SeriesBucket>> SeriesAsync(UsageSlice slice, RollupGranularity granularity, Dimension? by, DatabaseTurns turns, CancellationToken cancellationToken)
    {
        if (by is { DailyOnly: true })
        {
            throw new ArgumentException("Usage per user and API key is kept per UTC day in the caller rollup, without series.", nameof(by));
        }

        var now = clock.GetUtcNow();
        var cover = BucketedRollups.Cover(slice, granularity, now, MinuteRowsKeptFor);
        var filter = new SqlFilter();
        var key = by is null ? "NULL::text" : by.Column;
        var rows = BucketedRollups.Sql(slice, granularity,
            $"{key} AS key, request_count, failure_count, input_tokens, output_tokens, cost_total_usd, latency_sketch, {RevenueSumsSql.Measures}",
            filter, now, MinuteRowsKeptFor, reads: by is null ? [] : [by.Column]);
        return ReadAsync(filter, $"""
            SELECT bucket, key, sum(request_count)::bigint, sum(failure_count)::bigint, sum(input_tokens)::bigint, sum(output_tokens)::bigint,
                   sum(cost_total_usd), array_agg(latency_sketch) FILTER (WHERE latency_sketch IS NOT NULL), {RevenueSumsSql.Sums}
            FROM ({rows}) r GROUP BY bucket, key
            """, turns, async reader =>
        {
            var buckets = new List<SeriesBucket>();
            while (await reader.ReadAsync(cancellationToken))
            {
                var bucketStart = new DateTimeOffset(reader.GetDateTime(0), TimeSpan.Zero);
                buckets.Add(new SeriesBucket(bucketStart, await reader.IsDBNullAsync(1, cancellationToken) ? null : reader.GetString(1),
                    reader.GetInt64(2), reader.GetInt64(3), reader.GetInt64(4), reader.GetInt64(5), reader.GetDecimal(6),
                    await MergedAsync(reader, 7, cancellationToken), CoveredSeconds(cover, bucketStart, granularity.Width), RevenueSumsSql.Read(reader, 8)));
            }

            return buckets;
        }, cancellationToken);
    }

    /// <summary>
    /// Calls and cost per ISO weekday (1 = Monday) and hour of the day (UTC) in the slice, from rows no coarser than an
    /// hour (a day row cannot be split into hours). Only the cells that had calls.
    /// </summary>
    public Task<List<HeatmapCell>> HeatmapAsync(UsageSlice slice, DatabaseTurns turns, CancellationToken cancellationToken)
    {
        var filter = new SqlFilter();
        var rows = BucketedRollups.Sql(slice, RollupGranularity.Hour, "request_count, cost_total_usd", filter, clock.GetUtcNow(), MinuteRowsKeptFor, reads: []);
        return ReadAsync(filter, $"""
            SELECT extract(isodow FROM bucket AT TIME ZONE 'UTC')::int, extract(hour FROM bucket AT TIME ZONE 'UTC')::int,
                   sum(request_count)::bigint, sum(cost_total_usd)
            FROM ({rows}) r GROUP BY 1, 2
            """, turns, async reader =>
        {
            var cells = new List<HeatmapCell>();
            while (await reader.ReadAsync(cancellationToken))
            {
                cells.Add(new HeatmapCell(reader.GetInt32(0), reader.GetInt32(1), reader.GetInt64(2), reader.GetDecimal(3)));
            }

            return cells;
        }, cancellationToken);
    }

    /// <summary>
    /// Cost and revenue per UTC day, provider, model and team, in that order, streamed as read: day rows, with the slice's partial
    /// edge days from finer rows, so per provider, model or team the days add up to <see cref="CostByAsync"/>.
    /// </summary>
    public async IAsyncEnumerable<DailyCost> DailyCostsAsync(UsageSlice slice, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var filter = new SqlFilter();
        var rows = BucketedRollups.Sql(slice, RollupGranularity.Day,
            $"provider, model, team, request_count, input_tokens, output_tokens, unpriced_count, cost_total_usd, {RevenueSumsSql.Measures}", filter, clock.GetUtcNow(), MinuteRowsKeptFor,
            reads: ["provider", "model", "team"]);
        await using var command = filter.Command(dataSource, $"""
            SELECT bucket, provider, model, team, sum(request_count)::bigint, sum(input_tokens)::bigint, sum(output_tokens)::bigint,
                   sum(unpriced_count)::bigint, sum(cost_total_usd), {RevenueSumsSql.Sums}
            FROM ({rows}) r GROUP BY bucket, provider, model, team ORDER BY bucket, provider, model, team
            """);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            yield return new DailyCost(DateTime.SpecifyKind(reader.GetDateTime(0), DateTimeKind.Utc), reader.GetString(1), reader.GetString(2), reader.GetString(3),
                reader.GetInt64(4), reader.GetInt64(5), reader.GetInt64(6), reader.GetInt64(7), reader.GetDecimal(8), RevenueSumsSql.Read(reader, 9));
        }
    }

    // How much of the bucket the covering rows span: all of it, except at the edges of the range.
    private static double CoveredSeconds(
        IReadOnlyList<(RollupGranularity Granularity, DateTimeOffset From, DateTimeOffset To)> cover, DateTimeOffset bucket, TimeSpan width) =>
        cover.Sum(part =>
        {
            var overlap = (part.To < bucket + width ? part.To : bucket + width) - (part.From > bucket ? part.From : bucket);
            return overlap > TimeSpan.Zero ? overlap.TotalSeconds : 0;
        });
}
