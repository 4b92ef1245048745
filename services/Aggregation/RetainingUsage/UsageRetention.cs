using Microsoft.Extensions.Options;
using Npgsql;
using TokenOptimizer.Aggregation.RunningProjections;
using TokenOptimizer.EventStore;
using TokenOptimizer.EventStore.Schema;
using TokenOptimizer.UsageLog;

namespace TokenOptimizer.Aggregation.RetainingUsage;

/// <summary>
/// Deletes old usage streams (a call's ingestion and its re-prices) once every projection has applied all their events
/// and none of them is a skipped (dead-lettered) event. In the same transaction each projection that keeps history
/// (<see cref="IRetiresUsage"/>: the rollups) adds them to its retired tables, so the rollups keep them and a rebuild,
/// which starts from the retired tables, loses nothing. Other events (prices, budgets, erasures) are kept.
/// </summary>
public sealed partial class UsageRetention(
    EventLog log, ProjectionCatalog catalog, IOptions<UsageRetentionOptions> options, TimeProvider clock, ILogger<UsageRetention> logger) : BackgroundService
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
        await using var connection = await log.DataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);

        // Checkpoints first, in the order the daemons take them (then appends): a rebuild that resets a rollup meanwhile
        // either finishes first (its checkpoint is then 0 and nothing is deleted) or waits and starts from what we retire.
        var applied = await AppliedByEveryProjectionAsync(connection, transaction, cancellationToken);
        await EventLog.LockAppendsAsync(connection, transaction, cancellationToken);
        var streams = await RetirableStreamsAsync(cutoff, applied, connection, transaction, cancellationToken);
        if (streams.Count == 0)
        {
            return 0;
        }

        var events = await log.FetchStreamsAsync(streams, connection, transaction, cancellationToken);
        foreach (var projection in catalog.Projections.OfType<IRetiresUsage>())
        {
            await projection.RetireAsync(events, connection, transaction, cancellationToken);
        }

        await EventLog.DeleteStreamsAsync(streams, connection, transaction, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return streams.Count;
    }

    // The highest sequence every projection has applied (0 when one never ran); the rollups' checkpoints stay locked.
    private async Task<long> AppliedByEveryProjectionAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, CancellationToken cancellationToken)
    {
        var names = catalog.Projections.Select(p => p.Name).Order(StringComparer.Ordinal).ToArray();
        var retiring = catalog.Projections.OfType<IRetiresUsage>().Cast<IProjection>().Select(p => p.Name).ToArray();
        await using var command = new NpgsqlCommand(
            $"SELECT name, position FROM {ProjectionCheckpointsTable.Name} WHERE name = ANY($1) ORDER BY name FOR UPDATE", connection, transaction);
        command.Parameters.Add(new NpgsqlParameter { Value = retiring });
        var positions = new Dictionary<string, long>(StringComparer.Ordinal);
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken))
            {
                positions[reader.GetString(0)] = reader.GetInt64(1);
            }
        }

        await using var others = new NpgsqlCommand($"SELECT name, position FROM {ProjectionCheckpointsTable.Name} WHERE name = ANY($1)", connection, transaction);
        others.Parameters.Add(new NpgsqlParameter { Value = names });
        await using (var reader = await others.ExecuteReaderAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken))
            {
                positions.TryAdd(reader.GetString(0), reader.GetInt64(1));
            }
        }

        return names.Min(n => positions.GetValueOrDefault(n));
    }

    // Old enough by when the call happened and when it was recorded, wholly applied, and without a skipped event. The log's
    // order is the order of recording, so the walk from its start stops at the first event recorded after the cutoff.
    private async Task<List<string>> RetirableStreamsAsync(
        DateTimeOffset cutoff, long applied, NpgsqlConnection connection, NpgsqlTransaction transaction, CancellationToken cancellationToken)
    {
        await using (var young = new NpgsqlCommand($"SELECT seq FROM {EventsTable.Name} WHERE recorded_at >= $1 ORDER BY seq LIMIT 1", connection, transaction))
        {
            young.Parameters.Add(new NpgsqlParameter { Value = cutoff.UtcDateTime });
            if (await young.ExecuteScalarAsync(cancellationToken) is long firstYoung)
            {
                applied = Math.Min(applied, firstYoung - 1);
            }
        }

        await using var command = new NpgsqlCommand(
            $"""
            SELECT i.stream_id FROM {EventsTable.Name} i
            WHERE i.seq <= $2 AND i.type = $3 AND i.version = 1 AND (i.data -> 'usage' ->> 'occurredAt')::timestamptz < $1
              AND NOT EXISTS (SELECT 1 FROM {EventsTable.Name} l WHERE l.stream_id = i.stream_id AND l.seq > $2)
              AND NOT EXISTS (SELECT 1 FROM {EventsTable.Name} s JOIN {ProjectionErrorsTable.Name} e ON e.seq = s.seq WHERE s.stream_id = i.stream_id)
            ORDER BY i.seq
            LIMIT $4
            """, connection, transaction);
        command.Parameters.Add(new NpgsqlParameter { Value = cutoff.UtcDateTime });
        command.Parameters.Add(new NpgsqlParameter { Value = applied });
        command.Parameters.Add(new NpgsqlParameter { Value = log.Types.AliasOf(typeof(UsageIngested)) });
        command.Parameters.Add(new NpgsqlParameter { Value = options.Value.BatchSize });
        var streams = new List<string>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            streams.Add(reader.GetString(0));
        }

        return streams;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Deleted {Streams} usage streams older than {Days} days; the rollups keep them")]
    private partial void LogRetired(int streams, int days);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Deleting old usage events failed; trying again at the next interval")]
    private partial void LogRetentionFailed(Exception exception);
}
