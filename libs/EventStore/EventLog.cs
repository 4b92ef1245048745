using Npgsql;
using NpgsqlTypes;
using TokenOptimizer.EventStore.Schema;

namespace TokenOptimizer.EventStore;

/// <summary>
/// The append-only event log in PostgreSQL (the role Marten's event store plays in the design):
/// streams with optimistic concurrency, and one global sequence whose order is commit order.
/// </summary>
public sealed class EventLog
{
    /// <summary>The channel notified after every append, so followers need not poll.</summary>
    public const string AppendedChannel = "events_appended";

    // Appenders take this lock inside their transaction, so sequence numbers are handed out in commit
    // order: a reader that has seen sequence N can never later find a committed event below N.
    private const long AppendLockKey = 0x746f_6b65_6e00_0002;

    private readonly NpgsqlDataSource _dataSource;

    /// <summary>A log over tables that already exist; see <see cref="EnsureSchemaAsync"/>.</summary>
    public EventLog(NpgsqlDataSource dataSource, EventTypeRegistry types)
    {
        _dataSource = dataSource;
        Types = types;
        Shared = new SharedLogReader(this);
    }

    /// <summary>The event types this log reads and writes.</summary>
    public EventTypeRegistry Types { get; }

    /// <summary>What this process's projection daemons read through, so each event is fetched and parsed once.</summary>
    internal SharedLogReader Shared { get; }

    /// <summary>The database the log lives in.</summary>
    public NpgsqlDataSource DataSource => _dataSource;

    /// <summary>Creates the log's tables if they are missing. Idempotent, safe to run from many instances at once.</summary>
    public static Task EnsureSchemaAsync(NpgsqlDataSource dataSource, CancellationToken cancellationToken = default) =>
        EventStoreSchema.EnsureAsync(dataSource, cancellationToken);

    /// <summary>Opens the log, creating its tables if they are missing.</summary>
    public static async Task<EventLog> OpenAsync(NpgsqlDataSource dataSource, EventTypeRegistry types, CancellationToken cancellationToken = default)
    {
        await EventStoreSchema.EnsureAsync(dataSource, cancellationToken);
        return new EventLog(dataSource, types);
    }

    /// <summary>
    /// Appends <paramref name="events"/> to a stream that must be at <paramref name="expectedVersion"/>
    /// (<see cref="ExpectedVersion.NoStream"/> for a new stream, <see cref="ExpectedVersion.Any"/> to skip the check).
    /// Returns the stream's new version.
    /// </summary>
    /// <exception cref="ConcurrencyException">The stream was at another version.</exception>
    public async Task<int> AppendAsync(string streamId, int expectedVersion, IReadOnlyList<object> events, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfZero(events.Count);
        await using var connection = await _dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await LockAppendsAsync(connection, transaction, cancellationToken);

        int actualVersion;
        await using (var versionQuery = new NpgsqlCommand(
            $"SELECT coalesce(max(version), 0) FROM {EventsTable.Name} WHERE stream_id = $1", connection, transaction))
        {
            versionQuery.Parameters.Add(new NpgsqlParameter { Value = streamId });
            actualVersion = (int)(await versionQuery.ExecuteScalarAsync(cancellationToken))!;
        }

        if (expectedVersion != ExpectedVersion.Any && expectedVersion != actualVersion)
        {
            throw new ConcurrencyException(streamId, expectedVersion, actualVersion);
        }

        var streamIds = new string[events.Count];
        var versions = new int[events.Count];
        var types = new string[events.Count];
        var payloads = new string[events.Count];
        for (var i = 0; i < events.Count; i++)
        {
            streamIds[i] = streamId;
            versions[i] = actualVersion + i + 1;
            types[i] = Types.AliasOf(events[i].GetType());
            payloads[i] = Types.Serialize(events[i]);
        }

        await using (var insert = new NpgsqlCommand(
            $"""
            INSERT INTO {EventsTable.Name} (stream_id, version, type, data)
            SELECT * FROM unnest($1::text[], $2::int[], $3::text[], $4::jsonb[])
            """, connection, transaction))
        {
            insert.Parameters.Add(new NpgsqlParameter { Value = streamIds });
            insert.Parameters.Add(new NpgsqlParameter { Value = versions });
            insert.Parameters.Add(new NpgsqlParameter { Value = types });
            insert.Parameters.Add(new NpgsqlParameter { Value = payloads, NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Jsonb });
            await insert.ExecuteNonQueryAsync(cancellationToken);
        }

        await NotifyAppendedAsync(connection, transaction, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return actualVersion + events.Count;
    }

    /// <summary>
    /// Starts many streams at once, each with one event; a stream that already exists is left as it is.
    /// This is the idempotent bulk path: delivering the same stream twice stores it once.
    /// Returns the ids of the streams this call started.
    /// </summary>
    public async Task<IReadOnlySet<string>> StartStreamsAsync(IReadOnlyList<NewStream> streams, CancellationToken cancellationToken = default)
    {
        if (streams.Count == 0)
        {
            return new HashSet<string>();
        }

        await using var connection = await _dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var started = await StartStreamsAsync(streams, connection, transaction, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return started;
    }

    /// <summary>
    /// <see cref="StartStreamsAsync(IReadOnlyList{NewStream}, CancellationToken)"/> inside the caller's transaction,
    /// so the streams commit with whatever else it writes (a projection's read model and checkpoint) or not at
    /// all. The append lock is held until that transaction ends: keep it short.
    /// </summary>
    public async Task<IReadOnlySet<string>> StartStreamsAsync(
        IReadOnlyList<NewStream> streams, NpgsqlConnection connection, NpgsqlTransaction transaction, CancellationToken cancellationToken = default)
    {
        if (streams.Count == 0)
        {
            return new HashSet<string>();
        }

        var streamIds = new string[streams.Count];
        var types = new string[streams.Count];
        var payloads = new string[streams.Count];
        for (var i = 0; i < streams.Count; i++)
        {
            streamIds[i] = streams[i].StreamId;
            types[i] = Types.AliasOf(streams[i].FirstEvent.GetType());
            payloads[i] = Types.Serialize(streams[i].FirstEvent);
        }

        await LockAppendsAsync(connection, transaction, cancellationToken);

        // Under the append lock no one else can start these streams, so "which exist already" stays true
        // until we commit; the new ones then go in by binary COPY, PostgreSQL's cheapest way in.
        var existing = await FindStartedStreamsAsync(streamIds, connection, transaction, cancellationToken);
        var started = new HashSet<string>(StringComparer.Ordinal);
        await using (var copy = await connection.BeginBinaryImportAsync(
            $"COPY {EventsTable.Name} (stream_id, version, type, data) FROM STDIN (FORMAT BINARY)", cancellationToken))
        {
            for (var i = 0; i < streamIds.Length; i++)
            {
                if (existing.Contains(streamIds[i]) || !started.Add(streamIds[i]))
                {
                    continue;
                }

                await copy.StartRowAsync(cancellationToken);
                await copy.WriteAsync(streamIds[i], NpgsqlDbType.Text, cancellationToken);
                await copy.WriteAsync(1, NpgsqlDbType.Integer, cancellationToken);
                await copy.WriteAsync(types[i], NpgsqlDbType.Text, cancellationToken);
                await copy.WriteAsync(payloads[i], NpgsqlDbType.Jsonb, cancellationToken);
            }

            await copy.CompleteAsync(cancellationToken);
        }

        if (started.Count > 0)
        {
            await NotifyAppendedAsync(connection, transaction, cancellationToken);
        }

        return started;
    }

    private static async Task<HashSet<string>> FindStartedStreamsAsync(
        string[] streamIds, NpgsqlConnection connection, NpgsqlTransaction transaction, CancellationToken cancellationToken)
    {
        var existing = new HashSet<string>(StringComparer.Ordinal);
        await using var query = new NpgsqlCommand(
            $"SELECT stream_id FROM {EventsTable.Name} WHERE stream_id = ANY($1) AND version = 1", connection, transaction);
        query.Parameters.Add(new NpgsqlParameter { Value = streamIds });
        await using var reader = await query.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            existing.Add(reader.GetString(0));
        }

        return existing;
    }

    /// <summary>Every event of one stream, in version order; empty when the stream does not exist.</summary>
    public async Task<IReadOnlyList<StoredEvent>> FetchStreamAsync(string streamId, CancellationToken cancellationToken = default)
    {
        await using var command = _dataSource.CreateCommand(
            $"SELECT seq, stream_id, version, type, data::text, recorded_at FROM {EventsTable.Name} WHERE stream_id = $1 ORDER BY version");
        command.Parameters.Add(new NpgsqlParameter { Value = streamId });
        return await ReadEventsAsync(command, cancellationToken);
    }

    /// <summary>Every event of the given streams, in sequence order, read in the caller's transaction.</summary>
    public async Task<IReadOnlyList<StoredEvent>> FetchStreamsAsync(
        IReadOnlyCollection<string> streamIds, NpgsqlConnection connection, NpgsqlTransaction transaction, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(streamIds);
        await using var command = new NpgsqlCommand(
            $"SELECT seq, stream_id, version, type, data::text, recorded_at FROM {EventsTable.Name} WHERE stream_id = ANY($1) ORDER BY seq", connection, transaction);
        command.Parameters.Add(new NpgsqlParameter { Value = streamIds.ToArray() });
        return await ReadEventsAsync(command, cancellationToken);
    }

    /// <summary>
    /// Deletes whole streams in the caller's transaction, which must hold <see cref="LockAppendsAsync"/> so that nothing
    /// is appended to them meanwhile. For retention only: the log is otherwise append-only. Returns the events deleted.
    /// </summary>
    public static async Task<int> DeleteStreamsAsync(
        IReadOnlyCollection<string> streamIds, NpgsqlConnection connection, NpgsqlTransaction transaction, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(streamIds);
        await using var command = new NpgsqlCommand($"DELETE FROM {EventsTable.Name} WHERE stream_id = ANY($1)", connection, transaction);
        command.Parameters.Add(new NpgsqlParameter { Value = streamIds.ToArray() });
        return await command.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>Up to <paramref name="maxCount"/> events after <paramref name="afterSequence"/>, in sequence order.</summary>
    public async Task<IReadOnlyList<StoredEvent>> ReadAllAsync(long afterSequence, int maxCount, CancellationToken cancellationToken = default)
    {
        await using var command = _dataSource.CreateCommand(
            $"SELECT seq, stream_id, version, type, data::text, recorded_at FROM {EventsTable.Name} WHERE seq > $1 ORDER BY seq LIMIT $2");
        command.Parameters.Add(new NpgsqlParameter { Value = afterSequence });
        command.Parameters.Add(new NpgsqlParameter { Value = maxCount });
        return await ReadEventsAsync(command, cancellationToken);
    }

    internal static async Task<long> LastSequenceAsync(NpgsqlConnection connection, NpgsqlTransaction? transaction, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand($"SELECT coalesce(max(seq), 0) FROM {EventsTable.Name}", connection, transaction);
        return (long)(await command.ExecuteScalarAsync(cancellationToken))!;
    }

    internal async Task<IReadOnlyList<StoredEvent>> ReadEventsAsync(NpgsqlCommand command, CancellationToken cancellationToken)
    {
        var events = new List<StoredEvent>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            var type = reader.GetString(3);
            var data = Types.TryDeserialize(type, reader.GetString(4), out var error);
            events.Add(new StoredEvent(
                reader.GetInt64(0),
                reader.GetString(1),
                reader.GetInt32(2),
                type,
                data,
                new DateTimeOffset(reader.GetDateTime(5), TimeSpan.Zero)) { ReadError = error });
        }

        return events;
    }

    // Delivered at commit, so a follower woken by it finds the events visible.
    private static async Task NotifyAppendedAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, CancellationToken cancellationToken)
    {
        await using var notify = new NpgsqlCommand($"SELECT pg_notify('{AppendedChannel}', '')", connection, transaction);
        await notify.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>
    /// Holds back every append until <paramref name="transaction"/> ends, for admin work that needs the log to stand
    /// still while it reads and rewrites it (a migration of stream ids, an erasure, retention). Appends take it too.
    /// </summary>
    public static async Task LockAppendsAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand($"SELECT pg_advisory_xact_lock({AppendLockKey})", connection, transaction);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
