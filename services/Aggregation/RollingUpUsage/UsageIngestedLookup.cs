using Npgsql;
using TokenOptimizer.UsageLog;

namespace TokenOptimizer.Aggregation.RollingUpUsage;

/// <summary>
/// Finds the original record of re-priced calls: <see cref="UsageRepriced"/> carries only the request id and
/// time, while rollups need its dimensions. Re-prices are rare, so reading the usage streams' first events
/// (by the log's unique stream/version index) is cheaper than keeping a request → dimensions table.
/// </summary>
public sealed class UsageIngestedLookup
{
    /// <summary>The original records of the batch's re-priced calls, by stream id; no query when nothing was re-priced.</summary>
    public async Task<Dictionary<string, UsageIngested>> OriginalsOfRepricedAsync(
        IReadOnlyList<StoredEvent> events, NpgsqlConnection connection, NpgsqlTransaction transaction, CancellationToken cancellationToken)
    {
        var found = new Dictionary<string, UsageIngested>(StringComparer.Ordinal);
        var streamIds = events.Where(e => e.Data is UsageRepriced).Select(e => e.StreamId).Distinct(StringComparer.Ordinal).ToArray();
        if (streamIds.Length == 0)
        {
            return found;
        }

        await using var command = new NpgsqlCommand(
            $"SELECT stream_id, data::text FROM {EventStoreTables.Events} WHERE stream_id = ANY($1) AND version = 1 AND type = 'usage_ingested'", connection, transaction);
        command.Parameters.Add(new NpgsqlParameter { Value = streamIds });
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            if (System.Text.Json.JsonSerializer.Deserialize<UsageIngested>(reader.GetString(1), UsageEventStore.Json) is { } ingested)
            {
                found[reader.GetString(0)] = ingested;
            }
        }

        return found;
    }
}
