using Marten;
using Npgsql;
using TokenOptimizer.ReadModels;
using TokenOptimizer.UsageLog;

namespace TokenOptimizer.Aggregation.RunningProjections;

/// <summary>
/// Rebuilds the read models from the first stored event: the daemon's agent stops, every read model goes back to its
/// start (rollups to their retired part, the part retention deleted events of), and Marten's daemon replays the store
/// into them, then follows on. One rebuild serves every name: the read models share the composite's one position.
/// </summary>
public sealed class ReadModelRebuild(
    IServiceProvider services, IDocumentStore store, NpgsqlDataSource dataSource, ProjectionCatalog catalog, ReadModelProgress progress)
{
    /// <summary>Rebuilds and returns the position reached.</summary>
    public async Task<long> RunAsync(CancellationToken cancellationToken)
    {
        // This process's running daemon when it runs the projections; a daemon of its own otherwise.
        var running = services.GetService<Marten.Events.Daemon.Coordination.IProjectionCoordinator>();
        using var own = running is null ? await store.BuildProjectionDaemonAsync() : null;
        var daemon = running?.DaemonForMainDatabase() ?? own!;
        await daemon.StopAgentAsync(ReadModelComposite.Shard);
        await ResetAsync(cancellationToken);
        await daemon.RebuildProjectionAsync(ReadModelComposite.Name, TimeSpan.FromMinutes(30), cancellationToken);
        if (running is not null)
        {
            // The running daemon follows on from where the rebuild ended.
            await daemon.StartAgentAsync(ReadModelComposite.Shard, cancellationToken);
        }

        return await progress.PositionAsync(cancellationToken);
    }

    /// <summary>Every read model back to its start, in one transaction that holds the daemon's progress row (retention waits).</summary>
    public async Task ResetAsync(CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await using (var hold = new NpgsqlCommand($"SELECT 1 FROM {EventStoreTables.Progression} WHERE name = $1 FOR UPDATE", connection, transaction))
        {
            hold.Parameters.Add(new NpgsqlParameter { Value = ReadModelComposite.Shard });
            await hold.ExecuteNonQueryAsync(cancellationToken);
        }

        foreach (var readModel in catalog.Projections)
        {
            await readModel.ResetAsync(connection, transaction, cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
    }
}
