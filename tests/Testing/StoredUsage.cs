using Npgsql;
using TokenOptimizer.Contracts;
using TokenOptimizer.EventStore;
using TokenOptimizer.UsageLog;

namespace TokenOptimizer.Testing;

/// <summary>What Ingestion did with records, read back from its database: by request id, or by feature.</summary>
public static class StoredUsage
{
    /// <summary>The <see cref="UsageIngested"/> event of <paramref name="team"/>'s call <paramref name="requestId"/>, or null when it was not stored.</summary>
    public static async Task<UsageIngested?> FindIngestedAsync(this EventLog log, string? team, string requestId)
    {
        var events = await log.FetchStreamAsync(UsageStreams.For(team, requestId));
        return events.Select(e => e.Data).OfType<UsageIngested>().SingleOrDefault();
    }

    /// <summary>The records of one feature that Ingestion appended to the event log of the given database.</summary>
    public static async Task<List<UsageRecorded>> OfFeatureAsync(string connectionString, string feature)
    {
        await using var dataSource = NpgsqlDataSource.Create(connectionString);
        var log = new EventLog(dataSource, new EventTypeRegistry().AddUsageEvents());
        return (await log.ReadAllAsync(0, 10_000)).Select(e => e.Data).OfType<UsageIngested>().Select(e => e.Usage).Where(u => u.Feature == feature).ToList();
    }

    /// <summary>How many times the record was put in Ingestion's quarantine.</summary>
    public static async Task<long> CountQuarantinedAsync(this NpgsqlDataSource dataSource, string requestId)
    {
        await using var command = dataSource.CreateCommand("SELECT count(*) FROM ingestion_quarantine WHERE request_id = $1");
        command.Parameters.Add(new NpgsqlParameter { Value = requestId });
        return (long)(await command.ExecuteScalarAsync())!;
    }
}
