using Npgsql;
using TokenOptimizer.EventStore.Schema;

namespace TokenOptimizer.EventStore;

/// <summary>
/// Runs one projection: catches up from its checkpoint, then follows new events. Each batch of events
/// and the checkpoint after it commit in one transaction, so every event is applied exactly once across
/// crashes and restarts. Only the instance holding the projection's advisory lock runs it, so any
/// number of service instances may start a daemon for the same projection.
/// </summary>
public sealed class ProjectionDaemon(EventLog log, IProjection projection, ProjectionDaemonOptions? options = null)
{
    private readonly ProjectionDaemonOptions _options = options ?? new ProjectionDaemonOptions();

    /// <summary>The projection this daemon runs.</summary>
    public IProjection Projection => projection;

    /// <summary>
    /// Waits to become the projection's one active daemon, then applies events until cancelled.
    /// </summary>
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        await using var lockConnection = await log.DataSource.OpenConnectionAsync(cancellationToken);
        await AcquireLeadershipAsync(lockConnection, cancellationToken);

        await using (var listen = new NpgsqlCommand($"LISTEN {EventLog.AppendedChannel}", lockConnection))
        {
            await listen.ExecuteNonQueryAsync(cancellationToken);
        }

        while (!cancellationToken.IsCancellationRequested)
        {
            await CatchUpAsync(cancellationToken);
            // A notification wakes us at once; the timeout covers one sent before LISTEN took effect.
            await lockConnection.WaitAsync(_options.PollInterval, cancellationToken);
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
            await SaveCheckpointAsync(connection, transaction, 0, cancellationToken);
            await transaction.CommitAsync(cancellationToken);
        }

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
        var events = await log.ReadAllAsync(connection, transaction, position, _options.BatchSize, cancellationToken);
        if (events.Count == 0)
        {
            return (position, 0);
        }

        await projection.ApplyAsync(events, connection, transaction, cancellationToken);
        var reached = events[^1].Sequence;
        await SaveCheckpointAsync(connection, transaction, reached, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return (reached, events.Count);
    }

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
