using Npgsql;
using TokenOptimizer.EventStore;
using TokenOptimizer.UsageLog;

namespace TokenOptimizer.Testing;

/// <summary>What Ingestion did with a record, read back from its database by request id.</summary>
public static class StoredUsage
{
    /// <summary>The record's <see cref="UsageIngested"/> event, or null when it was not stored.</summary>
    public static async Task<UsageIngested?> FindIngestedAsync(this EventLog log, string requestId)
    {
        var events = await log.FetchStreamAsync(UsageStreams.For(requestId));
        return events.Select(e => e.Data).OfType<UsageIngested>().SingleOrDefault();
    }

    /// <summary>How many times the record was put in Ingestion's quarantine.</summary>
    public static async Task<long> CountQuarantinedAsync(this NpgsqlDataSource dataSource, string requestId)
    {
        await using var command = dataSource.CreateCommand("SELECT count(*) FROM ingestion_quarantine WHERE request_id = $1");
        command.Parameters.Add(new NpgsqlParameter { Value = requestId });
        return (long)(await command.ExecuteScalarAsync())!;
    }
}
