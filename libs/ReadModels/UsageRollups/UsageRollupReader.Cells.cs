namespace TokenOptimizer.ReadModels;

// The slice's totals per provider, model, feature and team together (the metrics scrape's label set).
public sealed partial class UsageRollupReader
{
    private static readonly string[] CellColumns = ["provider", "model", "feature", "team"];

    private static readonly string[] CellMeasures =
        ["request_count", "failure_count", "input_tokens", "output_tokens", "cached_input_tokens", "cache_write_tokens", "reasoning_tokens"];

    /// <summary>
    /// Totals per provider, model, feature and team in the slice (the full rollup's rows, summed per combination), with
    /// the merged latency sketch when <paramref name="withLatency"/>.
    /// </summary>
    public Task<List<UsageCellTotals>> TotalsByCellAsync(UsageSlice slice, bool withLatency, DatabaseTurns turns, CancellationToken cancellationToken)
    {
        var filter = new SqlFilter();
        var keys = string.Join(", ", CellColumns);
        var rows = RollupUnion.Sql(slice, $"{keys}, {string.Join(", ", CellMeasures)}, cost_total_usd" + (withLatency ? ", latency_sketch" : ""),
            filter, clock.GetUtcNow(), MinuteRowsKeptFor, reads: CellColumns);
        return ReadAsync(filter, $"""
            SELECT {keys}, {string.Join(", ", CellMeasures.Select(m => $"sum({m})::bigint"))}, sum(cost_total_usd),
                   {(withLatency ? "array_agg(latency_sketch) FILTER (WHERE latency_sketch IS NOT NULL)" : "NULL::bytea[]")}
            FROM ({rows}) r GROUP BY {keys}
            """, turns, async reader =>
        {
            var cells = new List<UsageCellTotals>();
            while (await reader.ReadAsync(cancellationToken))
            {
                cells.Add(new UsageCellTotals(reader.GetString(0), reader.GetString(1), reader.GetString(2), reader.GetString(3),
                    reader.GetInt64(4), reader.GetInt64(5), reader.GetInt64(6), reader.GetInt64(7), reader.GetInt64(8), reader.GetInt64(9), reader.GetInt64(10),
                    reader.GetDecimal(11), await MergedAsync(reader, 12, cancellationToken)));
            }

            return cells;
        }, cancellationToken);
    }
}
