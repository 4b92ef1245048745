using System.Text.Json;
using Npgsql;
using TokenOptimizer.UsageLog;

namespace TokenOptimizer.Ingestion.PricingModels;

/// <summary>
/// Finds, a page at a time in log order, the recorded calls a price, an alias or an import may change: those whose
/// reported model name contains one of the change's and that happened from its effective date on. A loose
/// filter on purpose: every name that resolves to the price's catalog entry (a provider prefix, a dated
/// snapshot, a fine-tune) contains it, and <see cref="Repricing.Decide"/> makes the exact call.
/// </summary>
/// <remarks>An admin operation, so a scan of the log in primary-key order is acceptable; no index is added.</remarks>
public sealed class AffectedUsageQuery(NpgsqlDataSource dataSource)
{
    public async Task<IReadOnlyList<(long Sequence, RecordedUsage Usage)>> NextPageAsync(
        PriceChange change, long afterSequence, int pageSize, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(
            $"""
            SELECT i.seq_id, i.data::text,
                   (SELECT s.version FROM {EventStoreTables.Streams} s WHERE s.id = i.stream_id),
                   (SELECT r.data -> 'current' FROM {EventStoreTables.Events} r
                    WHERE r.stream_id = i.stream_id AND r.type = $2 ORDER BY r.version DESC LIMIT 1)::text
            FROM {EventStoreTables.Events} i
            WHERE i.seq_id > $3 AND i.type = $1
              AND EXISTS (SELECT 1 FROM unnest($4::text[]) f WHERE strpos(lower(i.data -> 'usage' ->> 'model'), f) > 0)
              AND (i.data -> 'usage' ->> 'occurredAt')::timestamptz >= $5
            ORDER BY i.seq_id
            LIMIT $6
            """);
        command.Parameters.Add(new NpgsqlParameter { Value = "usage_ingested" });
        command.Parameters.Add(new NpgsqlParameter { Value = "usage_repriced" });
        command.Parameters.Add(new NpgsqlParameter { Value = afterSequence });
        command.Parameters.Add(new NpgsqlParameter { Value = change.ReportedModels.Select(ModelFragment).Distinct().ToArray() });
        command.Parameters.Add(new NpgsqlParameter { Value = change.EffectiveFrom.UtcDateTime });
        command.Parameters.Add(new NpgsqlParameter { Value = pageSize });

        var page = new List<(long, RecordedUsage)>(pageSize);
        var options = UsageEventStore.Json;
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            var ingested = JsonSerializer.Deserialize<UsageIngested>(reader.GetString(1), options)!;
            var latest = await reader.IsDBNullAsync(3, cancellationToken)
                ? ingested.Cost
                : JsonSerializer.Deserialize<UsageCost>(reader.GetString(3), options)!;
            page.Add((reader.GetInt64(0), new RecordedUsage(ingested.Usage, latest, reader.GetInt64(2))));
        }

        return page;
    }

    /// <summary>The part of a model name every reported name that resolves to it contains: the last path segment, lower case.</summary>
    public static string ModelFragment(string model)
    {
        var name = model.Trim();
        return name[(name.LastIndexOf('/') + 1)..].ToLowerInvariant();
    }
}
