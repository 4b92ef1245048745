using System.Text.Json;
using Marten;
using Npgsql;
using TokenOptimizer.Contracts;
using TokenOptimizer.UsageLog;

namespace TokenOptimizer.Testing;

/// <summary>What the event store and the quarantine hold, as tests check it.</summary>
public static class StoredUsage
{
    /// <summary>The <see cref="UsageIngested"/> of one call, or null when none was stored.</summary>
    public static async Task<UsageIngested?> FindIngestedAsync(this IDocumentStore store, string? team, string requestId)
    {
        var events = await EventStreams.ReadAsync(store, UsageStreams.For(team, requestId), CancellationToken.None);
        return events.Select(e => e.Data).OfType<UsageIngested>().SingleOrDefault();
    }

    /// <summary>Every stored record of <paramref name="feature"/> (up to 10,000), read straight from the event table.</summary>
    public static async Task<List<UsageRecorded>> OfFeatureAsync(string connectionString, string feature)
    {
        await using var dataSource = NpgsqlDataSource.Create(connectionString);
        await using var command = dataSource.CreateCommand(
            $"SELECT data::text FROM {EventStoreTables.Events} WHERE type = 'usage_ingested' AND data -> 'usage' ->> 'feature' = $1 ORDER BY seq_id LIMIT 10000");
        command.Parameters.Add(new NpgsqlParameter { Value = feature });
        var records = new List<UsageRecorded>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            records.Add(JsonSerializer.Deserialize<UsageIngested>(reader.GetString(0), UsageEventStore.Json)!.Usage);
        }

        return records;
    }

    public static async Task<long> CountQuarantinedAsync(this NpgsqlDataSource dataSource, string requestId)
    {
        await using var command = dataSource.CreateCommand("SELECT count(*) FROM ingestion_quarantine WHERE request_id = $1");
        command.Parameters.Add(new NpgsqlParameter { Value = requestId });
        return (long)(await command.ExecuteScalarAsync())!;
    }
}
