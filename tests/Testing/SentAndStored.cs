using System.Globalization;
using Npgsql;
using TokenOptimizer.Contracts;
using TokenOptimizer.EventStore.Schema;
using TokenOptimizer.UsageLog;

namespace TokenOptimizer.Testing;

/// <summary>
/// What a producer sent against what the system stored: records lost or stored twice, and whether the day rollups
/// hold the sender's totals (requests, tokens, billed amounts to the cent) and the log's cost to the cent.
/// </summary>
/// <param name="Sent">Distinct records sent.</param>
/// <param name="Stored">Of those, how many are in the event log.</param>
/// <param name="Lost">Sent and not in the log.</param>
/// <param name="Doubled">Records with more than one usage_ingested event.</param>
/// <param name="RollupMismatch">Null when the rollups equal the totals; otherwise what differs.</param>
public sealed record SentAndStored(long Sent, long Stored, long Lost, long Doubled, string? RollupMismatch)
{
    /// <summary>Nothing lost, nothing doubled, rollups equal.</summary>
    public bool Intact => Lost == 0 && Doubled == 0 && RollupMismatch is null;

    /// <summary>How many of <paramref name="sent"/> are in the log now: to wait on before comparing.</summary>
    public static async Task<long> CountStoredAsync(NpgsqlDataSource dataSource, IReadOnlyCollection<UsageRecorded> sent)
    {
        await using var command = dataSource.CreateCommand($"SELECT count(DISTINCT stream_id) FROM {EventsTable.Name} WHERE stream_id = ANY($1)");
        command.Parameters.Add(new NpgsqlParameter { Value = sent.Select(r => UsageStreams.For(r.Team, r.RequestId)).ToArray() });
        return (long)(await command.ExecuteScalarAsync())!;
    }

    /// <summary>Compares. The rollups are read from <c>usage_rollup_day</c> over every row: the database must hold only this traffic.</summary>
    public static async Task<SentAndStored> CompareAsync(NpgsqlDataSource dataSource, IReadOnlyCollection<UsageRecorded> sent)
    {
        var distinct = sent.DistinctBy(r => UsageStreams.For(r.Team, r.RequestId)).ToList();
        var stored = await CountStoredAsync(dataSource, distinct);
        await using var doubled = dataSource.CreateCommand($"""
            SELECT count(*) FROM (SELECT stream_id FROM {EventsTable.Name} WHERE type = 'usage_ingested' GROUP BY stream_id HAVING count(*) > 1) d
            """);
        var doubledCount = (long)(await doubled.ExecuteScalarAsync())!;

        await using var totals = dataSource.CreateCommand("""
            SELECT coalesce(sum(request_count), 0), coalesce(sum(input_tokens), 0), coalesce(sum(output_tokens), 0),
                   coalesce(sum(billed_amount_usd), 0), coalesce(sum(cost_total_usd), 0)
            FROM usage_rollup_day
            """);
        // In decimal: hostile records carry token counts whose sum overflows a long.
        var expected = Format(distinct.Count, distinct.Sum(r => (decimal)r.InputTokens), distinct.Sum(r => (decimal)r.OutputTokens),
            distinct.Sum(r => r.BilledAmountUsd ?? 0m), await StoredCostAsync(dataSource));
        string actual;
        await using (var reader = await totals.ExecuteReaderAsync())
        {
            await reader.ReadAsync();
            actual = Format(reader.GetDecimal(0), reader.GetDecimal(1), reader.GetDecimal(2), reader.GetDecimal(3), reader.GetDecimal(4));
        }

        return new SentAndStored(distinct.Count, stored, distinct.Count - stored, doubledCount,
            actual == expected ? null : $"rollups (requests|input|output|billed|cost) {actual}, sent {expected}");
    }

    /// <summary>What the log prices the stored records at, all of them: the cost every surface must show.</summary>
    public static async Task<decimal> StoredCostAsync(NpgsqlDataSource dataSource)
    {
        await using var command = dataSource.CreateCommand(
            $"SELECT coalesce(sum((data->'cost'->>'totalUsd')::numeric), 0) FROM {EventsTable.Name} WHERE type = 'usage_ingested' AND (data->'cost'->>'priced')::boolean");
        return (decimal)(await command.ExecuteScalarAsync())!;
    }

    private static string Format(decimal requests, decimal input, decimal output, decimal billed, decimal cost) =>
        string.Create(CultureInfo.InvariantCulture, $"{requests}|{input}|{output}|{billed:0.00}|{cost:0.00}");
}
