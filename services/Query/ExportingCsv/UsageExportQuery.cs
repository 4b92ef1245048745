using Npgsql;
using TokenOptimizer.Query.Filtering;
using TokenOptimizer.Query.ReadingUsageLog;

namespace TokenOptimizer.Query.ExportingCsv;

/// <summary>
/// Every call of a slice from <c>usage_requests</c>, oldest first, written as CSV while it is read: the reader
/// streams rows from PostgreSQL and each goes to the response at once, so memory stays flat whatever the size.
/// <c>cost_usd</c> is empty for an unpriced call.
/// </summary>
public sealed class UsageExportQuery(NpgsqlDataSource dataSource)
{
    private const int RowsPerFlush = 1_000;

    private static readonly (string Name, Cell Kind)[] Columns =
    [
        ("request_id", Cell.Text), ("occurred_at", Cell.Instant), ("provider", Cell.Text), ("model", Cell.Text), ("feature", Cell.Text),
        ("team", Cell.Text), ("environment", Cell.Text), ("user_id", Cell.Text), ("outcome", Cell.Text),
        ("error_type", Cell.Text), ("error_code", Cell.Text), ("error_message", Cell.Text), ("service_tier", Cell.Text),
        ("input_tokens", Cell.Integer), ("output_tokens", Cell.Integer), ("cached_input_tokens", Cell.Integer),
        ("cache_write_tokens", Cell.Integer), ("reasoning_tokens", Cell.Integer),
        ("latency_ms", Cell.Real), ("ttft_ms", Cell.Real), ("streaming", Cell.Flag), ("cost_usd", Cell.Money),
    ];

    private enum Cell { Text, Instant, Integer, Real, Flag, Money }

    public async Task WriteAsync(UsageSlice slice, CsvWriter csv, CancellationToken cancellationToken)
    {
        var filter = new SqlFilter();
        await using var command = filter.Command(dataSource, $"""
            SELECT {string.Join(", ", Columns.Select(c => c.Name))} FROM {UsageLogQuery.Table}
            WHERE {filter.Where(slice, "occurred_at")} ORDER BY occurred_at, seq
            """);
        // No time limit on the whole read: a big export legitimately runs long; the client going away cancels it.
        command.CommandTimeout = 0;
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        await csv.Names(Columns.Select(c => c.Name)).EndRowAsync(cancellationToken);
        for (var rows = 1; await reader.ReadAsync(cancellationToken); rows++)
        {
            for (var i = 0; i < Columns.Length; i++)
            {
                if (await reader.IsDBNullAsync(i, cancellationToken))
                {
                    csv.Empty();
                    continue;
                }

                _ = Columns[i].Kind switch
                {
                    Cell.Text => csv.Text(reader.GetString(i)),
                    Cell.Instant => csv.Instant(reader.GetDateTime(i)),
                    Cell.Integer => csv.Number(reader.GetInt64(i)),
                    Cell.Real => csv.Number(reader.GetDouble(i)),
                    Cell.Flag => csv.Flag(reader.GetBoolean(i)),
                    _ => csv.Number(reader.GetDecimal(i)),
                };
            }

            await csv.EndRowAsync(cancellationToken);
            if (rows % RowsPerFlush == 0)
            {
                await csv.FlushAsync(cancellationToken);
            }
        }
    }
}
