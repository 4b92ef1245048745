using Microsoft.Extensions.Options;
using Npgsql;

namespace TokenOptimizer.ReadModels;

/// <summary>
/// The one reader of the usage rollups (<see cref="UsageRollupTables"/>). A slice is read from the fewest rows that cover
/// it exactly: whole days from the day rollup, hours and minutes at the edges (<see cref="RollupRanges"/>), from the
/// per-bucket totals when no dimension is filtered or read and the per-dimension rows when one is (<see cref="RollupSource"/>);
/// a series keeps each row's bucket (<see cref="BucketedRollups"/>).
/// Sums are exact for any minute-aligned range. Its methods are split by question over this file and its partial siblings.
/// </summary>
public sealed partial class UsageRollupReader(NpgsqlDataSource dataSource, TimeProvider clock, IOptions<RollupRetentionOptions> retention)
{
    // Rollups kept forever: a span no range reaches.
    private static readonly TimeSpan Forever = TimeSpan.FromDays(36_500);

    /// <summary>How long minute rows are kept (<c>Rollups:MinuteRetention</c>): the edges of older ranges are read from hours.</summary>
    public TimeSpan MinuteRowsKeptFor => retention.Value.MinuteRetention ?? Forever;

    /// <summary>
    /// The slice's totals: calls, successes, tokens, priced and unpriced calls, cost, revenue, and (<paramref name="withLatency"/>)
    /// the merged latency sketch.
    /// </summary>
    public Task<UsageTotals> TotalsAsync(UsageSlice slice, bool withLatency, DatabaseTurns turns, CancellationToken cancellationToken)
    {
        var filter = new SqlFilter();
        var rows = RollupUnion.Sql(slice, "request_count, success_count, input_tokens, output_tokens, cached_input_tokens, reasoning_tokens, priced_count, unpriced_count, cost_total_usd, "
                + RevenueSumsSql.Measures + (withLatency ? ", latency_sketch" : ""),
            filter, clock.GetUtcNow(), MinuteRowsKeptFor, reads: []);
        return ReadAsync(filter, $"""
            SELECT coalesce(sum(request_count), 0)::bigint, coalesce(sum(success_count), 0)::bigint, coalesce(sum(input_tokens), 0)::bigint,
                   coalesce(sum(output_tokens), 0)::bigint, coalesce(sum(cached_input_tokens), 0)::bigint, coalesce(sum(reasoning_tokens), 0)::bigint,
                   coalesce(sum(priced_count), 0)::bigint, coalesce(sum(unpriced_count), 0)::bigint, coalesce(sum(cost_total_usd), 0),
                   {(withLatency ? "array_agg(latency_sketch) FILTER (WHERE latency_sketch IS NOT NULL)" : "NULL::bytea[]")},
                   {RevenueSumsSql.Sums}
            FROM ({rows}) r
            """, turns, async reader =>
        {
            await reader.ReadAsync(cancellationToken);
            return new UsageTotals(reader.GetInt64(0), reader.GetInt64(1), reader.GetInt64(2), reader.GetInt64(3), reader.GetInt64(4), reader.GetInt64(5),
                reader.GetInt64(6), reader.GetInt64(7), reader.GetDecimal(8), await MergedAsync(reader, 9, cancellationToken), RevenueSumsSql.Read(reader, 10));
        }, cancellationToken);
    }

    /// <summary>Cost and volume per value of <paramref name="by"/> (not a daily-only dimension nor a slice naming callers: <see cref="UserRollupReader"/> has those).</summary>
    public Task<Dictionary<string, CostSums>> CostByAsync(UsageSlice slice, Dimension by, DatabaseTurns turns, CancellationToken cancellationToken)
    {
        if (by.DailyOnly || slice.NamesCallers)
        {
            throw new ArgumentException("Usage per user and API key is kept in the caller rollup: read it with UserRollupReader.", nameof(by));
        }

        var filter = new SqlFilter();
        var rows = RollupUnion.Sql(slice, $"{by.Column}, {CostSumsSql.Measures}", filter, clock.GetUtcNow(), MinuteRowsKeptFor, reads: [by.Column]);
        return ReadAsync(filter, CostSumsSql.GroupedBy(by.Column, rows), turns, reader => CostSumsSql.ReadAsync(reader, cancellationToken), cancellationToken);
    }

    // Takes a turn, runs the command and hands its reader to `read`, which must be done with it when its task ends.
    private async Task<T> ReadAsync<T>(SqlFilter filter, string sql, DatabaseTurns turns, Func<NpgsqlDataReader, Task<T>> read, CancellationToken cancellationToken)
    {
        using var turn = await turns.TakeAsync(cancellationToken);
        await using var command = filter.Command(dataSource, sql);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        return await read(reader);
    }

    // A bytea[] of stored sketches as one sketch; NULL (no row had one) is an empty sketch.
    private static async Task<LatencySketch> MergedAsync(NpgsqlDataReader reader, int ordinal, CancellationToken cancellationToken) =>
        await reader.IsDBNullAsync(ordinal, cancellationToken)
            ? new LatencySketch()
            : LatencySketch.MergeAll(await reader.GetFieldValueAsync<byte[][]>(ordinal, cancellationToken));
}
