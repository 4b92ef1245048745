using Npgsql;

namespace TokenOptimizer.UsageLog;

/// <summary>
/// Copies the log of earlier versions (table <c>events</c>: in <c>public</c> for usage, in a service's own schema for its
/// own log) into a Marten store's tables once, then drops it. Server-side <c>INSERT … SELECT</c> in one transaction rather than Marten's bulk import: that one takes CLR events,
/// so every old event would be read, deserialised and written back (and Ingestion does not know Aggregation's types);
/// here the stored JSON and type aliases move as they are. Sequence numbers are kept (Marten's sequence is moved past
/// them), so positions recorded against the old log stay valid. Usage streams still keyed by request id alone are
/// renamed to their team-scoped key on the way (<see cref="UsageStreams.For(string?, string)"/>, team from the first event).
/// The row counts of events and streams are checked before the old table is dropped; a mismatch rolls everything back.
/// Aggregation migrates its own checkpoints and dead letters afterwards (they belong to its projections).
/// </summary>
public static class OldEventLogMigration
{
    private const string LegacyUsagePrefix = "usage-";

    /// <summary>
    /// Copies <paramref name="oldSchema"/><c>.events</c> into the Marten store in <paramref name="storeSchema"/> and drops it,
    /// if there is one; returns how many events moved (0 when there was none).
    /// </summary>
    public static async Task<long> RunAsync(NpgsqlDataSource dataSource, string oldSchema, string storeSchema, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(dataSource);
        var oldTable = $"{oldSchema}.events";
        var (streamsTable, eventsTable) = (EventStoreTables.StreamsIn(storeSchema), EventStoreTables.EventsIn(storeSchema));
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        if (await ScalarAsync<bool>(connection, transaction, $"SELECT to_regclass('{oldTable}') IS NOT NULL", cancellationToken) is false)
        {
            return 0;
        }

        var oldEvents = await ScalarAsync<long>(connection, transaction, $"SELECT count(*) FROM {oldTable}", cancellationToken);
        var oldStreams = await ScalarAsync<long>(connection, transaction, $"SELECT count(DISTINCT stream_id) FROM {oldTable}", cancellationToken);
        // Request-id-only keys of the oldest logs become team-scoped, unless that key is taken (then it stays, unread).
        var keyOf = $"""
            CASE WHEN starts_with(e.stream_id, '{LegacyUsagePrefix}') AND NOT EXISTS (SELECT 1 FROM {oldTable} n WHERE n.stream_id = k.new_id)
                 THEN k.new_id ELSE e.stream_id END
            """;
        var newKeys = $"""
            LEFT JOIN LATERAL (
                SELECT '{UsageStreams.Prefix}' || length(coalesce(f.data -> 'usage' ->> 'team', '')) || ':' || coalesce(f.data -> 'usage' ->> 'team', '') || ':'
                       || substr(e.stream_id, {LegacyUsagePrefix.Length + 1}) AS new_id
                FROM {oldTable} f WHERE f.stream_id = e.stream_id AND f.version = 1) k ON starts_with(e.stream_id, '{LegacyUsagePrefix}')
            """;
        var copiedStreams = await ExecuteAsync(connection, transaction, $"""
            INSERT INTO {streamsTable} (id, version, timestamp, created, tenant_id)
            SELECT {keyOf}, max(e.version), max(e.recorded_at), min(e.recorded_at), '*DEFAULT*'
            FROM {oldTable} e {newKeys}
            GROUP BY 1
            """, cancellationToken);
        // Marten reads an event by its alias, and falls back to mt_dotnet_type for an alias the reader does not map (the old
        // log's alert records, say): a null there stops its daemon for good, a name no CLR type has makes the event one
        // this deployment does not know, which the daemon passes over.
        var copiedEvents = await ExecuteAsync(connection, transaction, $"""
            INSERT INTO {eventsTable} (seq_id, id, stream_id, version, data, type, timestamp, tenant_id, is_archived, mt_dotnet_type)
            SELECT e.seq, gen_random_uuid(), {keyOf}, e.version, e.data, e.type, e.recorded_at, '*DEFAULT*', false, e.type
            FROM {oldTable} e {newKeys}
            ORDER BY e.seq
            """, cancellationToken);
        if (copiedEvents != oldEvents || copiedStreams != oldStreams)
        {
            throw new InvalidOperationException(
                $"Migrating the old event log copied {copiedEvents} of {oldEvents} events and {copiedStreams} of {oldStreams} streams; nothing was changed.");
        }

        await ExecuteAsync(connection, transaction, $"""
            SELECT setval('{storeSchema}.mt_events_sequence', greatest((SELECT max(seq_id) FROM {eventsTable}), 1));
            DROP TABLE {oldTable};
            """, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return copiedEvents;
    }

    private static async Task<T> ScalarAsync<T>(NpgsqlConnection connection, NpgsqlTransaction transaction, string sql, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(sql, connection, transaction);
        return (T)(await command.ExecuteScalarAsync(cancellationToken))!;
    }

    private static async Task<int> ExecuteAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, string sql, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(sql, connection, transaction);
        return await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
