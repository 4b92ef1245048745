using Npgsql;
using TokenOptimizer.EventStore;
using TokenOptimizer.EventStore.Schema;
using TokenOptimizer.UsageLog;

namespace TokenOptimizer.Aggregation.RollingUpUsage;

/// <summary>
/// Finds the original record of re-priced calls: <see cref="UsageRepriced"/> carries only the request id and
/// time, while rollups need its dimensions. Re-prices are rare, so reading the usage streams' first events
/// (by the log's unique stream/version index) is cheaper than keeping a request → dimensions table.
/// </summary>
public sealed class UsageIngestedLookup(EventLog log)
{
    public async Task<Dictionary<string, UsageIngested>> FindAsync(IEnumerable<string> requestIds, NpgsqlConnection connection, NpgsqlTransaction transaction, CancellationToken cancellationToken)
    {
        var found = new Dictionary<string, UsageIngested>(StringComparer.Ordinal);
        await using var command = new NpgsqlCommand(
            $"SELECT data::text FROM {EventsTable.Name} WHERE stream_id = ANY($1) AND version = 1 AND type = 'usage_ingested'", connection, transaction);
        command.Parameters.Add(new NpgsqlParameter { Value = requestIds.Distinct().Select(UsageStreams.For).ToArray() });
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            if (System.Text.Json.JsonSerializer.Deserialize<UsageIngested>(reader.GetString(0), log.Types.SerializerOptions) is { } ingested)
            {
                found[ingested.Usage.RequestId] = ingested;
            }
        }

        return found;
    }
}
