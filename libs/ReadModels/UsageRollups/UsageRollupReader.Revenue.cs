namespace TokenOptimizer.ReadModels;

// Questions about money beyond our cost: revenue per value of a split, and the provider's reported cost against ours.
public sealed partial class UsageRollupReader
{
    /// <summary>Revenue and margin per value of <paramref name="by"/> (not per user or API key: the caller rollup keeps no revenue).</summary>
    public Task<Dictionary<string, RevenueSums>> RevenueByAsync(UsageSlice slice, Dimension by, DatabaseTurns turns, CancellationToken cancellationToken)
    {
        if (by.DailyOnly)
        {
            throw new ArgumentException("Usage per user or API key is kept without revenue.", nameof(by));
        }

        var filter = new SqlFilter();
        var rows = RollupUnion.Sql(slice, $"{by.Column}, {RevenueSumsSql.Measures}", filter, clock.GetUtcNow(), MinuteRowsKeptFor, reads: [by.Column]);
        return ReadAsync(filter, $"SELECT {by.Column}, {RevenueSumsSql.Sums} FROM ({rows}) r GROUP BY {by.Column}", turns, async reader =>
        {
            var sums = new Dictionary<string, RevenueSums>(StringComparer.Ordinal);
            while (await reader.ReadAsync(cancellationToken))
            {
                sums[reader.GetString(0)] = RevenueSumsSql.Read(reader, 1);
            }

            return sums;
        }, cancellationToken);
    }

    /// <summary>
    /// The provider's reported cost against ours per UTC day, provider and model, oldest day first: day rows, with the
    /// slice's partial edge days from finer rows. Only the days and models with calls that reported a cost.
    /// </summary>
    public Task<List<ReportedCostDay>> ReportedCostByDayAsync(UsageSlice slice, DatabaseTurns turns, CancellationToken cancellationToken)
    {
        var filter = new SqlFilter();
        var rows = BucketedRollups.Sql(slice, RollupGranularity.Day,
            "provider, model, reported_cost_count, reported_priced_count, reported_priced_usd, reported_priced_cost_usd", filter, clock.GetUtcNow(), MinuteRowsKeptFor,
            reads: ["provider", "model"]);
        return ReadAsync(filter, $"""
            SELECT bucket, provider, model, sum(reported_cost_count)::bigint, sum(reported_priced_count)::bigint, sum(reported_priced_usd), sum(reported_priced_cost_usd)
            FROM ({rows}) r GROUP BY bucket, provider, model HAVING sum(reported_cost_count) > 0 ORDER BY bucket, provider, model
            """, turns, async reader =>
        {
            var days = new List<ReportedCostDay>();
            while (await reader.ReadAsync(cancellationToken))
            {
                days.Add(new ReportedCostDay(DateTime.SpecifyKind(reader.GetDateTime(0), DateTimeKind.Utc), reader.GetString(1), reader.GetString(2),
                    reader.GetInt64(3), reader.GetInt64(4), reader.GetDecimal(5), reader.GetDecimal(6)));
            }

            return days;
        }, cancellationToken);
    }
}
