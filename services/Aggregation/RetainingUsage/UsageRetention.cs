using System.Text.Json;
using Microsoft.Extensions.Options;
using Npgsql;
using TokenOptimizer.Aggregation.RunningProjections;
using TokenOptimizer.UsageLog;

namespace TokenOptimizer.Aggregation.RetainingUsage;

/// <summary>
/// Deletes old usage streams (a call's ingestion and its re-prices) once every projection has applied all their events
/// and none of them is a dead-lettered event. In the same transaction each projection that keeps history
/// (<see cref="IRetiresUsage"/>: the rollups) adds them to its retired tables, so the rollups keep them and a rebuild,
/// which starts from the retired tables, loses nothing. Other events (prices, budgets, erasures) are kept.
/// </summary>
public sealed partial class UsageRetention(
    NpgsqlDataSource dataSource, ProjectionCatalog catalog, IOptions<UsageRetentionOptions> options, TimeProvider clock, ILogger<UsageRetention> logger) : BackgroundService
{
    /// <summary>Deletes every usage stream old enough and fully applied; returns how many.</summary>
    public async Task<int> RetireAsync(CancellationToken cancellationToken)
    {
        if (options.Value.Days <= 0)
        {
            return 0;
        }

        var cutoff = clock.GetUtcNow() - TimeSpan.FromDays(options.Value.Days);
        var retired = 0;
        while (await RetireBatchAsync(cutoff, cancellationToken) is var count and > 0)
        {
            retired += count;
        }

        return retired;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Value.Interval, clock);
        do
        {
            try
            {
                if (await RetireAsync(stoppingToken) is var retired and > 0)
                {
                    LogRetired(retired, options.Value.Days);
                }
            }
            catch (NpgsqlException exception)
            {
                LogRetentionFailed(exception);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    private async Task<int> RetireBatchAsync(DateTimeOffset cutoff, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);

        // The daemon's progress row, locked: its next page waits for us, and so does a rebuild's reset, which then
        // starts from what we retire (or, if it came first, leaves the position at 0 and nothing is deleted).
        var applied = await AppliedAsync(connection, transaction, cancellationToken);
        var streams = await RetirableStreamsAsync(cutoff, applied, connection, transaction, cancellationToken);
        if (streams.Count == 0)
        {
            return 0;
        }

        var events = await FetchStreamsAsync(streams, connection, transaction, cancellationToken);
        foreach (var projection in catalog.Projections.OfType<IRetiresUsage>())
        {
            await projection.RetireAsync(events, connection, transaction, cancellationToken);
        }

        // Marten's events go with their stream (the foreign key cascades).
        await using (var delete = new NpgsqlCommand($"DELETE FROM {EventStoreTables.Streams} WHERE id = ANY($1)", connection, transaction))
        {
            delete.Parameters.Add(new NpgsqlParameter { Value = streams.ToArray() });
            await delete.ExecuteNonQueryAsync(cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
        return streams.Count;
    }

    private static async Task<long> AppliedAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(
            $"SELECT last_seq_id FROM {EventStoreTables.Progression} WHERE name = $1 FOR UPDATE", connection, transaction);
        command.Parameters.Add(new NpgsqlParameter { Value = ReadModelComposite.Shard });
        return await command.ExecuteScalarAsync(cancellationToken) is long applied ? applied : 0;
    }

    // Old enough by when the call happened and when it was recorded, wholly applied, and without a dead-lettered event. The
    // store's order is the order of recording, so the walk from its start stops at the first event recorded after the cutoff.
    private async Task<List<string>> RetirableStreamsAsync(
        DateTimeOffset cutoff, long applied, NpgsqlConnection connection, NpgsqlTransaction transaction, CancellationToken cancellationToken)
    {
        await using (var young = new NpgsqlCommand($"SELECT seq_id FROM {EventStoreTables.Events} WHERE timestamp >= $1 ORDER BY seq_id LIMIT 1", connection, transaction))
        {
            young.Parameters.Add(new NpgsqlParameter { Value = cutoff.UtcDateTime });
            if (await young.ExecuteScalarAsync(cancellationToken) is long firstYoung)
            {
                applied = Math.Min(applied, firstYoung - 1);
            }
        }

        await using var command = new NpgsqlCommand(
            $"""
            SELECT i.stream_id FROM {EventStoreTables.Events} i
            WHERE i.seq_id <= $2 AND i.type = 'usage_ingested' AND i.version = 1 AND (i.data -> 'usage' ->> 'occurredAt')::timestamptz < $1
              AND NOT EXISTS (SELECT 1 FROM {EventStoreTables.Events} l WHERE l.stream_id = i.stream_id AND l.seq_id > $2)
              AND NOT EXISTS (SELECT 1 FROM {EventStoreTables.Events} s JOIN {EventStoreTables.DeadLetters} d
                              ON (d.data ->> 'eventSequence')::bigint = s.seq_id WHERE s.stream_id = i.stream_id)
            ORDER BY i.seq_id
            LIMIT $3
            """, connection, transaction);
        command.Parameters.Add(new NpgsqlParameter { Value = cutoff.UtcDateTime });
        command.Parameters.Add(new NpgsqlParameter { Value = applied });
        command.Parameters.Add(new NpgsqlParameter { Value = options.Value.BatchSize });
        var streams = new List<string>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            streams.Add(reader.GetString(0));
        }

        return streams;
    }

    // The usage streams' events (ingestions and re-prices), in sequence order.
    private static async Task<List<StoredEvent>> FetchStreamsAsync(
        List<string> streams, NpgsqlConnection connection, NpgsqlTransaction transaction, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(
            $"SELECT seq_id, stream_id, version, type, data::text, timestamp FROM {EventStoreTables.Events} WHERE stream_id = ANY($1) ORDER BY seq_id",
            connection, transaction);
        command.Parameters.Add(new NpgsqlParameter { Value = streams.ToArray() });
        var events = new List<StoredEvent>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            object? data = reader.GetString(3) switch
            {
                "usage_ingested" => JsonSerializer.Deserialize<UsageIngested>(reader.GetString(4), UsageEventStore.Json),
                "usage_repriced" => JsonSerializer.Deserialize<UsageRepriced>(reader.GetString(4), UsageEventStore.Json),
                _ => null,
            };
            if (data is not null)
            {
                events.Add(new StoredEvent(reader.GetInt64(0), reader.GetString(1), reader.GetInt64(2), reader.GetString(3), data,
                    new DateTimeOffset(reader.GetDateTime(5), TimeSpan.Zero)));
            }
        }

        return events;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Deleted {Streams} usage streams older than {Days} days; the rollups keep them")]
    private partial void LogRetired(int streams, int days);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Deleting old usage events failed; trying again at the next interval")]
    private partial void LogRetentionFailed(Exception exception);
}
