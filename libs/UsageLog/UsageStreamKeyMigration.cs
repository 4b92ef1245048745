using Npgsql;
using TokenOptimizer.EventStore;
using TokenOptimizer.EventStore.Schema;

namespace TokenOptimizer.UsageLog;

/// <summary>
/// Renames the usage streams of logs written before request ids were scoped to their team (<c>usage-&lt;request id&gt;</c>)
/// to <see cref="UsageStreams.For(string?, string)"/>, the team taken from the stream's first event. Once per database:
/// the first service to start runs it (Ingestion and Aggregation both try, before they read or write usage), others
/// wait on its lock and find it done. It holds the log's append lock throughout, so no record is stored under the new
/// key while its old-keyed twin is still unrenamed: a record sent again after the migration is still a duplicate.
/// </summary>
public static class UsageStreamKeyMigration
{
    /// <summary>The marker table of one-time log migrations.</summary>
    public const string MigrationsTable = "event_store_migrations";

    /// <summary>This migration's name in <see cref="MigrationsTable"/>.</summary>
    public const string Name = "usage-streams-keyed-by-team";

    private const string LegacyPrefix = "usage-";
    private const int PageSize = 10_000;
    private const long MigrationLockKey = 0x746f_6b65_6e00_0003;

    /// <summary>
    /// Renames the old streams unless that was done already; returns how many events it moved. A stream whose new id is
    /// taken already (a twin stored by a service that ran before this migration) keeps its old id, where nothing reads it.
    /// </summary>
    public static async Task<int> RunAsync(NpgsqlDataSource dataSource, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(dataSource);
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await using (var prepare = new NpgsqlCommand(
            $"""
            SELECT pg_advisory_xact_lock({MigrationLockKey});
            CREATE TABLE IF NOT EXISTS {MigrationsTable} (name text PRIMARY KEY, applied_at timestamptz NOT NULL DEFAULT now(), detail text);
            """, connection, transaction))
        {
            await prepare.ExecuteNonQueryAsync(cancellationToken);
        }

        await using (var done = new NpgsqlCommand($"SELECT 1 FROM {MigrationsTable} WHERE name = $1", connection, transaction))
        {
            done.Parameters.Add(new NpgsqlParameter { Value = Name });
            if (await done.ExecuteScalarAsync(cancellationToken) is not null)
            {
                return 0;
            }
        }

        await EventLog.LockAppendsAsync(connection, transaction, cancellationToken);
        var renamed = 0;
        var after = 0L;
        while (await NextPageAsync(connection, transaction, after, cancellationToken) is { Count: > 0 } page)
        {
            await using var rename = new NpgsqlCommand(
                $"""
                UPDATE {EventsTable.Name} e SET stream_id = m.new_id FROM unnest($1::text[], $2::text[]) AS m(old_id, new_id)
                WHERE e.stream_id = m.old_id AND NOT EXISTS (SELECT 1 FROM {EventsTable.Name} n WHERE n.stream_id = m.new_id)
                """,
                connection, transaction);
            rename.Parameters.Add(new NpgsqlParameter { Value = page.Select(p => p.OldId).ToArray() });
            rename.Parameters.Add(new NpgsqlParameter { Value = page.Select(p => UsageStreams.For(p.Team, p.OldId[LegacyPrefix.Length..])).ToArray() });
            renamed += await rename.ExecuteNonQueryAsync(cancellationToken);
            after = page[^1].Sequence;
        }

        await using (var record = new NpgsqlCommand($"INSERT INTO {MigrationsTable} (name, detail) VALUES ($1, $2)", connection, transaction))
        {
            record.Parameters.Add(new NpgsqlParameter { Value = Name });
            record.Parameters.Add(new NpgsqlParameter { Value = $"{renamed} events moved to team-scoped usage streams" });
            await record.ExecuteNonQueryAsync(cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
        return renamed;
    }

    private static async Task<List<(long Sequence, string OldId, string? Team)>> NextPageAsync(
        NpgsqlConnection connection, NpgsqlTransaction transaction, long after, CancellationToken cancellationToken)
    {
        await using var query = new NpgsqlCommand(
            $"""
            SELECT seq, stream_id, data -> 'usage' ->> 'team' FROM {EventsTable.Name}
            WHERE seq > $1 AND version = 1 AND starts_with(stream_id, '{LegacyPrefix}')
            ORDER BY seq LIMIT {PageSize}
            """, connection, transaction);
        query.Parameters.Add(new NpgsqlParameter { Value = after });
        var page = new List<(long, string, string?)>(PageSize);
        await using var reader = await query.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            page.Add((reader.GetInt64(0), reader.GetString(1), await reader.IsDBNullAsync(2, cancellationToken) ? null : reader.GetString(2)));
        }

        return page;
    }
}
