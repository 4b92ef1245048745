using Npgsql;
using TokenOptimizer.EventStore;
using TokenOptimizer.EventStore.Schema;
using TokenOptimizer.Ingestion.Quarantining;
using TokenOptimizer.UsageLog;

namespace TokenOptimizer.Ingestion.ErasingUsers;

/// <summary>
/// Erases a user's id from what Ingestion keeps (every place it does, here): the usage events that name it and the
/// quarantined records, in one transaction with the <see cref="UserErased"/> audit event. The read models that copied the
/// id (Aggregation's request log, per-user rollups and their retired part) forget it when their projections apply that
/// event, in log order. Stored events are otherwise never rewritten; erasure is the one exception the law makes.
/// </summary>
public sealed class UserErasure(EventLog log, TimeProvider clock)
{
    // The day of each call whose event no longer names the user, for the read models to find its rows.
    private const string EraseFromEvents = $$"""
        WITH erased AS (
            UPDATE {{EventsTable.Name}} SET data = data #- '{usage,userId}'
            WHERE seq > $3 AND seq <= $4 AND type = $2 AND data -> 'usage' ->> 'userId' = $1
            RETURNING ((data -> 'usage' ->> 'occurredAt')::timestamptz AT TIME ZONE 'UTC')::date AS day)
        SELECT count(*)::int, array_agg(DISTINCT day) FROM erased
        """;

    // A rejected record keeps the contract's fields under the names the producer sent (any case).
    private const string EraseFromQuarantine = $"""
        UPDATE {QuarantineTable.Name}
        SET record = record - ARRAY(SELECT k FROM jsonb_each_text(record) AS f(k, v) WHERE lower(k) = 'userid' AND v = $1)
        WHERE jsonb_typeof(record) = 'object'
          AND EXISTS (SELECT 1 FROM jsonb_each_text(record) AS f(k, v) WHERE lower(k) = 'userid' AND v = $1)
        """;

    public async Task<UserErased> EraseAsync(string userId, string? erasedBy, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(userId);
        await using var connection = await log.DataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var last = await LastSequenceAsync(connection, transaction, cancellationToken);

        // The long pass over the log runs while producers go on appending; then, with appends held, the events that arrived
        // meanwhile. Nothing committed before the audit event names the user afterwards; anything after it is new data.
        var (events, days) = await EraseFromEventsAsync(userId, after: 0, through: last, connection, transaction, cancellationToken);
        await EventLog.LockAppendsAsync(connection, transaction, cancellationToken);
        var (lateEvents, lateDays) = await EraseFromEventsAsync(userId, after: last, through: long.MaxValue, connection, transaction, cancellationToken);

        int quarantined;
        await using (var quarantine = new NpgsqlCommand(EraseFromQuarantine, connection, transaction))
        {
            quarantine.Parameters.Add(new NpgsqlParameter { Value = userId });
            quarantined = await quarantine.ExecuteNonQueryAsync(cancellationToken);
        }

        var erased = UserErased.Of(userId, [.. days.Union(lateDays).Order()], events + lateEvents, quarantined, erasedBy, clock.GetUtcNow());
        await log.StartStreamsAsync([new NewStream(UserErased.StreamFor(erased.ErasureId), erased)], connection, transaction, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return erased;
    }

    private async Task<(int Events, DateOnly[] Days)> EraseFromEventsAsync(
        string userId, long after, long through, NpgsqlConnection connection, NpgsqlTransaction transaction, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(EraseFromEvents, connection, transaction);
        command.Parameters.Add(new NpgsqlParameter { Value = userId });
        command.Parameters.Add(new NpgsqlParameter { Value = log.Types.AliasOf(typeof(UsageIngested)) });
        command.Parameters.Add(new NpgsqlParameter { Value = after });
        command.Parameters.Add(new NpgsqlParameter { Value = through });
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        await reader.ReadAsync(cancellationToken);
        return (reader.GetInt32(0), await reader.IsDBNullAsync(1, cancellationToken) ? [] : await reader.GetFieldValueAsync<DateOnly[]>(1, cancellationToken));
    }

    private static async Task<long> LastSequenceAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand($"SELECT coalesce(max(seq), 0) FROM {EventsTable.Name}", connection, transaction);
        return (long)(await command.ExecuteScalarAsync(cancellationToken))!;
    }
}
