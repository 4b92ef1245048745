using Npgsql;
using TokenOptimizer.EventStore.Schema;

namespace TokenOptimizer.EventStore;

// The dead letters: events this projection could not apply, kept in projection_errors with their reason until a
// replay applies them.
public sealed partial class ProjectionDaemon
{
    /// <summary>The events this projection dead-lettered, oldest first.</summary>
    public async Task<IReadOnlyList<ProjectionError>> ReadErrorsAsync(CancellationToken cancellationToken = default)
    {
        await using var command = log.DataSource.CreateCommand(
            $"SELECT seq, type, reason, recorded_at FROM {ProjectionErrorsTable.Name} WHERE projection = $1 ORDER BY seq");
        command.Parameters.Add(new NpgsqlParameter { Value = projection.Name });
        var errors = new List<ProjectionError>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            errors.Add(new ProjectionError(projection.Name, reader.GetInt64(0), reader.GetString(1), reader.GetString(2),
                new DateTimeOffset(reader.GetDateTime(3), TimeSpan.Zero)));
        }

        return errors;
    }

    /// <summary>
    /// Applies each dead-lettered event again, oldest first, one transaction each (serialised with the running daemon
    /// by the checkpoint's row lock): an event that applies now leaves the dead letters; one that still fails stays,
    /// with the new reason and time. The event is read from the log afresh, so a type this process has learnt since
    /// is read now. Applied later than its place in the log: right for the rollups' sums; a projection whose state
    /// depends on order sees it late. An infrastructure fault stops the replay (the rest stay dead-lettered).
    /// </summary>
    public async Task<DeadLetterReplay> ReplayDeadLettersAsync(CancellationToken cancellationToken = default)
    {
        int applied = 0, stillFailing = 0;
        foreach (var letter in await ReadErrorsAsync(cancellationToken))
        {
            if (await ReplayAsync(letter.Sequence, cancellationToken) is { } reason)
            {
                await using var connection = await log.DataSource.OpenConnectionAsync(cancellationToken);
                await using var update = new NpgsqlCommand(
                    $"UPDATE {ProjectionErrorsTable.Name} SET reason = $3, recorded_at = now() WHERE projection = $1 AND seq = $2", connection);
                update.Parameters.Add(new NpgsqlParameter { Value = projection.Name });
                update.Parameters.Add(new NpgsqlParameter { Value = letter.Sequence });
                update.Parameters.Add(new NpgsqlParameter { Value = reason });
                await update.ExecuteNonQueryAsync(cancellationToken);
                stillFailing++;
            }
            else
            {
                applied++;
            }
        }

        return new DeadLetterReplay(projection.Name, applied, stillFailing);
    }

    // Null when the event applied (or was no longer dead-lettered); otherwise why it failed again.
    private async Task<string?> ReplayAsync(long sequence, CancellationToken cancellationToken)
    {
        await using var connection = await log.DataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await LockCheckpointAsync(connection, transaction, cancellationToken);
        await using (var delete = new NpgsqlCommand(
            $"DELETE FROM {ProjectionErrorsTable.Name} WHERE projection = $1 AND seq = $2", connection, transaction))
        {
            delete.Parameters.Add(new NpgsqlParameter { Value = projection.Name });
            delete.Parameters.Add(new NpgsqlParameter { Value = sequence });
            if (await delete.ExecuteNonQueryAsync(cancellationToken) == 0)
            {
                return null; // replayed meanwhile by someone else, or cleared by a rebuild
            }
        }

        var stored = (await log.ReadAllAsync(sequence - 1, 1, cancellationToken)).SingleOrDefault(e => e.Sequence == sequence);
        if (stored?.Data is null)
        {
            return stored?.ReadError ?? $"event {sequence} is no longer in the log";
        }

        try
        {
            await projection.ApplyAsync([stored], connection, transaction, cancellationToken);
        }
        catch (Exception exception) when (IsPoison(exception, cancellationToken))
        {
            return Describe(exception);
        }

        await transaction.CommitAsync(cancellationToken);
        return null;
    }

    private async Task DeadLetterAsync(StoredEvent failed, long expectedPosition, Exception exception, CancellationToken cancellationToken)
    {
        await using var connection = await log.DataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        if (await LockCheckpointAsync(connection, transaction, cancellationToken) != expectedPosition)
        {
            return; // Someone (a rebuild) moved the checkpoint meanwhile; the next batch starts from theirs.
        }

        await RecordErrorAsync(connection, transaction, failed, Describe(exception), cancellationToken);
        await SaveCheckpointAsync(connection, transaction, failed.Sequence, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
    }

    private async Task RecordErrorAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, StoredEvent stored, string reason, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(
            $"INSERT INTO {ProjectionErrorsTable.Name} (projection, seq, type, reason) VALUES ($1, $2, $3, $4) ON CONFLICT DO NOTHING",
            connection, transaction);
        command.Parameters.Add(new NpgsqlParameter { Value = projection.Name });
        command.Parameters.Add(new NpgsqlParameter { Value = stored.Sequence });
        command.Parameters.Add(new NpgsqlParameter { Value = stored.Type });
        command.Parameters.Add(new NpgsqlParameter { Value = reason });
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private static string Describe(Exception exception) => $"{exception.GetType().Name}: {exception.Message}";
}
