using Npgsql;
using TokenOptimizer.UsageLog;

namespace TokenOptimizer.ReadModels;

/// <summary>
/// How far the read models have got, read where Marten keeps it (the one place that knows). Aggregation's read models
/// are the parts of one composite projection, <see cref="Composite"/>, run by Marten's async daemon over the usage event
/// store: they share one position, the composite's row in Marten's progression table. The recommendation list is an
/// inline projection of the Recommendations store: it is as far as that store's last event.
/// </summary>
public sealed class ReadModelProgress(NpgsqlDataSource dataSource)
{
    /// <summary>Aggregation's composite projection: every read model it owns.</summary>
    public const string Composite = "read_models";

    /// <summary>The composite's row in Marten's progression table (its one shard).</summary>
    public const string CompositeShard = Composite + ":All";

    /// <summary>
    /// The event sequence Aggregation's read models have applied (0 before the daemon's first page). Differences count
    /// the events recorded in between, whenever they occurred, for one indexed read.
    /// </summary>
    public async Task<long> PositionAsync(CancellationToken cancellationToken)
    {
        try
        {
            await using var command = dataSource.CreateCommand($"SELECT coalesce(max(last_seq_id), 0) FROM {EventStoreTables.Progression} WHERE name = $1");
            command.Parameters.Add(new NpgsqlParameter { Value = CompositeShard });
            return (long)(await command.ExecuteScalarAsync(cancellationToken))!;
        }
        catch (PostgresException missing) when (missing.SqlState is PostgresErrorCodes.UndefinedTable or PostgresErrorCodes.InvalidSchemaName)
        {
            // Aggregation has not created the event store yet.
            return 0;
        }
    }

    /// <summary>
    /// Every read model's position as one string: Aggregation's composite, then the recommendation list's store (empty
    /// until Recommendations has started). It changes exactly when a read model commits new events.
    /// </summary>
    public async Task<string> VersionAsync(CancellationToken cancellationToken)
    {
        var version = (await PositionAsync(cancellationToken)).ToString(System.Globalization.CultureInfo.InvariantCulture);
        try
        {
            await using var recommendations = dataSource.CreateCommand(
                $"SELECT coalesce(max(seq_id), 0)::text FROM {EventStoreTables.EventsIn(RecommendationListTable.Schema)}");
            return version + ";" + (string)(await recommendations.ExecuteScalarAsync(cancellationToken))!;
        }
        catch (PostgresException missing) when (missing.SqlState is PostgresErrorCodes.UndefinedTable or PostgresErrorCodes.InvalidSchemaName)
        {
            return version + ";";
        }
    }
}
