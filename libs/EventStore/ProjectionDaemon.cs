using Npgsql;
using TokenOptimizer.EventStore.Schema;

namespace TokenOptimizer.EventStore;

/// <summary>
/// Runs one projection: catches up from its checkpoint, then follows new events. Each batch of events
/// and the checkpoint after it commit in one transaction, so every event is applied exactly once across
/// crashes and restarts. Only the instance holding the projection's advisory lock runs it, so any
/// number of service instances may start a daemon for the same projection.
/// </summary>
public sealed partial class ProjectionDaemon(EventLog log, IProjection projection, ProjectionDaemonOptions? options = null)
{
    private readonly ProjectionDaemonOptions _options = options ?? new ProjectionDaemonOptions();

    // The projection's types, and any type this process does not know: those are passed on (or recorded as
    // unreadable), never silently skipped.
    private readonly Func<StoredEvent, bool> _wanted = projection.EventTypes is { } types
        ? stored => types.Contains(stored.Type) || log.Types.TypeOf(stored.Type) is null
        : _ => true;

    // While the checkpoint is below this, batches hold at most _isolationLimit events: a failed batch is being
    // halved until the event that fails it is alone (a few transactions, however big the batch).
    private long _isolateThrough;
    private int _isolationLimit;

    /// <summary>The projection this daemon runs.</summary>
    public IProjection Projection => projection;

    /// <summary>
    /// Waits to become the projection's one active daemon, then applies events until cancelled.
    /// </summary>
    /// <param name="cancellationToken">Stops the daemon.</param>
    /// <param name="caughtUp">Called after each pass that applied everything committed so far.</param>
    /// <param name="leading">Called with true once this daemon holds the projection's lock, and with false when it lets go.</param>
    public async Task RunAsync(CancellationToken cancellationToken, Action? caughtUp = null, Action<bool>? leading = null)
    {
        await using var lockConnection = await log.DataSource.OpenConnectionAsync(cancellationToken);
        await AcquireLeadershipAsync(lockConnection, cancellationToken);
        leading?.Invoke(true);
        try
        {
            await FollowAsync(lockConnection, caughtUp, cancellationToken);
        }
        finally
        {
            leading?.Invoke(false);
        }
    }

    private async Task FollowAsync(NpgsqlConnection lockConnection, Action? caughtUp, CancellationToken cancellationToken)
    {
        await using (var listen = new NpgsqlCommand($"LISTEN {EventLog.AppendedChannel}", lockConnection))
        {
            await listen.ExecuteNonQueryAsync(cancellationToken);
        }

        while (!cancellationToken.IsCancellationRequested)
        {
            await CatchUpAsync(cancellationToken);
            caughtUp?.Invoke();
            // A notification wakes us at once; the timeout covers one sent before LISTEN took effect.
            await lockConnection.WaitAsync(_options.PollInterval, cancellationToken);
        }
    }

    /// <summary>
    /// <see cref="RunAsync"/> until cancelled, restarting it after any failure (a database restart, a lost connection)
    /// once <paramref name="backoff"/>'s pause has passed; the backoff starts again from its first pause as soon as a
    /// pass succeeds, so the read models follow again within that pause of the database coming back.
    /// </summary>
    /// <param name="backoff">The pauses between restarts.</param>
    /// <param name="failed">Told of each failure and the pause before the restart (to log it).</param>
    /// <param name="cancellationToken">Stops the daemon.</param>
    /// <param name="leading">As for <see cref="RunAsync"/>.</param>
    public async Task KeepRunningAsync(RestartBackoff backoff, Action<Exception, TimeSpan> failed, CancellationToken cancellationToken, Action<bool>? leading = null)
    {
        while (!cancellationToken.IsCancellationRequested)
        {
            try
            {
                await RunAsync(cancellationToken, backoff.Reset, leading);
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception exception)
            {
                var delay = backoff.Next();
                failed(exception, delay);
                try
                {
                    await Task.Delay(delay, cancellationToken);
                }
                catch (OperationCanceledException)
                {
                    return;
                }
            }
        }
    }

    /// <summary>Applies every event committed so far; returns the checkpoint reached.</summary>
    public async Task<long> CatchUpAsync(CancellationToken cancellationToken = default)
    {
        while (true)
        {
            var (position, applied) = await ApplyNextBatchAsync(cancellationToken);
            if (applied == 0)
            {
                return position;
            }
        }
    }

    /// <summary>Deletes the read model, sets the checkpoint to zero and catches up from the first event.</summary>
    public async Task RebuildAsync(CancellationToken cancellationToken = default)
    {
        await using (var connection = await log.DataSource.OpenConnectionAsync(cancellationToken))
        await using (var transaction = await connection.BeginTransactionAsync(cancellationToken))
        {
            await LockCheckpointAsync(connection, transaction, cancellationToken);
            await projection.ResetAsync(connection, transaction, cancellationToken);
            await using (var clearErrors = new NpgsqlCommand($"DELETE FROM {ProjectionErrorsTable.Name} WHERE projection = $1", connection, transaction))
            {
                clearErrors.Parameters.Add(new NpgsqlParameter { Value = projection.Name });
                await clearErrors.ExecuteNonQueryAsync(cancellationToken);
            }

            await SaveCheckpointAsync(connection, transaction, 0, cancellationToken);
            await transaction.CommitAsync(cancellationToken);
        }

        log.Shared.Clear();
        await CatchUpAsync(cancellationToken);
    }

    /// <summary>The sequence of the last event the projection applied.</summary>
    public async Task<long> ReadCheckpointAsync(CancellationToken cancellationToken = default)
    {
        await using var command = log.DataSource.CreateCommand(
            $"SELECT position FROM {ProjectionCheckpointsTable.Name} WHERE name = $1");
        command.Parameters.Add(new NpgsqlParameter { Value = projection.Name });
        return await command.ExecuteScalarAsync(cancellationToken) is long position ? position : 0;
    }

    private async Task<(long Position, int Applied)> ApplyNextBatchAsync(CancellationToken cancellationToken)
    {
        await using var connection = await log.DataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);

        // The row lock makes a second, lock-less caller (a rebuild, a test) wait and then see our checkpoint.
        var position = await LockCheckpointAsync(connection, transaction, cancellationToken);
        var isolating = position < _isolateThrough;
        var limit = isolating ? _isolationLimit : _options.BatchSize;
        // Everything up to the last committed event is settled (sequence order is commit order), so when the
        // read comes back short, the checkpoint may pass the events this projection does not want up to there.
        var last = await EventLog.LastSequenceAsync(connection, transaction, cancellationToken);
        var (events, reached) = await log.Shared.ReadAsync(projection.Name, position, last, _wanted, limit, cancellationToken);
        if (events.Count == 0)
        {
            if (reached > position)
            {
                await SaveCheckpointAsync(connection, transaction, reached, cancellationToken);
                await transaction.CommitAsync(cancellationToken);
                return (reached, 1);
            }

            return (position, 0);
        }

        if (!_options.SkipFailingEvents)
        {
            await projection.ApplyAsync(events, connection, transaction, cancellationToken);
        }
        else
        {
            var readable = new List<StoredEvent>(events.Count);
            foreach (var stored in events)
            {
                if (stored.Data is null)
                {
                    await RecordErrorAsync(connection, transaction, stored, stored.ReadError ?? "unreadable", cancellationToken);
                }
                else
                {
                    readable.Add(stored);
                }
            }

            try
            {
                if (readable.Count > 0)
                {
                    await projection.ApplyAsync(readable, connection, transaction, cancellationToken);
                }
            }
            catch (Exception exception) when (IsPoison(exception, cancellationToken))
            {
                await transaction.RollbackAsync(cancellationToken);
                if (events.Count > 1)
                {
                    // Find the culprit: the same events again, half as many per transaction.
                    _isolateThrough = Math.Max(_isolateThrough, events[^1].Sequence);
                    _isolationLimit = events.Count / 2;
                    return (position, events.Count);
                }

                await DeadLetterAsync(events[0], position, exception, cancellationToken);
                _isolateThrough = 0; // found: back to full batches (another culprit would be halved for anew)
                return (events[0].Sequence, 1);
            }
        }

        await SaveCheckpointAsync(connection, transaction, reached, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return (reached, events.Count);
    }

    // Poison is what the event causes (see IsCausedByEvent): it would fail again however often it is retried, so it is
    // dead-lettered and the projection moves on. A lost connection, a timeout, a cancellation or a missing dependency
    // stops the daemon instead (to be restarted with backoff), so nothing is skipped for a fault that is not the event's.
    private bool IsPoison(Exception exception, CancellationToken cancellationToken) =>
        !cancellationToken.IsCancellationRequested
        && exception is not (OperationCanceledException or ProjectionDependencyUnavailableException)
        && _options.IsCausedByEvent(exception);

    private async Task AcquireLeadershipAsync(NpgsqlConnection connection, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand("SELECT pg_try_advisory_lock(hashtextextended($1, 0))", connection);
        command.Parameters.Add(new NpgsqlParameter { Value = "projection:" + projection.Name });
        while (!(bool)(await command.ExecuteScalarAsync(cancellationToken))!)
        {
            // Another instance runs this projection; take over when its session ends.
            await Task.Delay(_options.PollInterval * 4, cancellationToken);
        }
    }

    private async Task<long> LockCheckpointAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, CancellationToken cancellationToken)
    {
        await using (var insert = new NpgsqlCommand(
            $"INSERT INTO {ProjectionCheckpointsTable.Name} (name, position) VALUES ($1, 0) ON CONFLICT (name) DO NOTHING", connection, transaction))
        {
            insert.Parameters.Add(new NpgsqlParameter { Value = projection.Name });
            await insert.ExecuteNonQueryAsync(cancellationToken);
        }

        await using var select = new NpgsqlCommand(
            $"SELECT position FROM {ProjectionCheckpointsTable.Name} WHERE name = $1 FOR UPDATE", connection, transaction);
        select.Parameters.Add(new NpgsqlParameter { Value = projection.Name });
        return (long)(await select.ExecuteScalarAsync(cancellationToken))!;
    }

    private async Task SaveCheckpointAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, long position, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(
            $"UPDATE {ProjectionCheckpointsTable.Name} SET position = $2, updated_at = now() WHERE name = $1", connection, transaction);
        command.Parameters.Add(new NpgsqlParameter { Value = projection.Name });
        command.Parameters.Add(new NpgsqlParameter { Value = position });
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
