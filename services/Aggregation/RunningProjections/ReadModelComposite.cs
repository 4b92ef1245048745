using JasperFx.Events.Daemon;
using Marten;
using Npgsql;
using TokenOptimizer.UsageLog;
using TokenOptimizer.ReadModels;

namespace TokenOptimizer.Aggregation.RunningProjections;

/// <summary>
/// Every read model of this service as one Marten composite projection, <see cref="Name"/>: the async daemon loads
/// and parses each page of events once for all of them and commits their writes and its progress in one transaction
/// (measured here: seven set-based projections in one composite caught up on 1M events in ~11.5 s, seven separate
/// async projections in ~41 s). They therefore share one position; rebuilding one rebuilds them all.
/// </summary>
public static class ReadModelComposite
{
    public const string Name = ReadModelProgress.Composite;

    /// <summary>The composite's progress row in Marten's progression table.</summary>
    public const string Shard = ReadModelProgress.CompositeShard;

    /// <summary>Registers <paramref name="readModels"/> as the composite, run by the async daemon.</summary>
    public static void Register(StoreOptions options, IReadOnlyList<ReadModelProjection> readModels, ProjectionOptions settings)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Projections.CompositeProjectionFor(Name, composite =>
        {
            foreach (var readModel in readModels)
            {
                composite.Add(new ReadModelSource(readModel));
            }

            // Rows touched again and again (a model's minute, a user's day) are written once per page: bigger is cheaper.
            composite.Options.BatchSize = settings.BatchSize;
        });
        // How often an instance without the projections tries to take them (hot/cold: a PostgreSQL advisory lock, freed the
        // moment its holder's connection dies). At Marten's default 5 s the survivor of a kill -9 took them up 4.3 s later
        // (bench/Failover); a try is one lock call, so once a second costs nothing.
        options.Projections.LeadershipPollingTime = 1_000;
        // A poison event (one a read model refuses, one that no longer deserialises, one of a type nobody knows) is
        // dead-lettered and the page applied without it, in a live run and in a rebuild alike (Marten's rebuild default is
        // to stop): a rebuild must give the read models the live run gave, and a first start is a rebuild.
        foreach (var errors in new[] { options.Projections.Errors, options.Projections.RebuildErrors })
        {
            errors.SkipApplyErrors = true;
            errors.SkipSerializationErrors = true;
            errors.SkipUnknownEvents = true;
        }
    }

    /// <summary>Marten's progress rows of the composite and of each part (they never differ).</summary>
    public static IEnumerable<string> ShardNames(IEnumerable<ReadModelProjection> readModels) =>
        [Shard, .. readModels.Select(r => r.GetType().Name + ":All")];

    /// <summary>Deletes the composite's progress rows: the daemon starts again from the first event.</summary>
    public static async Task ForgetProgressAsync(
        IEnumerable<ReadModelProjection> readModels, NpgsqlConnection connection, NpgsqlTransaction transaction, CancellationToken cancellationToken)
    {
        await using var forget = new NpgsqlCommand($"DELETE FROM {EventStoreTables.Progression} WHERE name = ANY($1)", connection, transaction);
        forget.Parameters.Add(new NpgsqlParameter { Value = ShardNames(readModels).ToArray() });
        await forget.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>The daemon that runs the composite in this process.</summary>
    public static IProjectionDaemon Daemon(IServiceProvider services) =>
        services.GetRequiredService<Marten.Events.Daemon.Coordination.IProjectionCoordinator>().DaemonForMainDatabase();
}
