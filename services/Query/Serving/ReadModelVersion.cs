using Npgsql;
using TokenOptimizer.EventStore.Schema;
using TokenOptimizer.ReadModels;

namespace TokenOptimizer.Query.Serving;

/// <summary>
/// How far the read models have got: every projection's checkpoint, as one string, the Recommendations service's
/// own (in its schema) included once it exists. It changes exactly when a projection commits new events, so a result
/// cached under it is never stale, and costs one indexed read per log.
/// </summary>
public sealed class ReadModelVersion(NpgsqlDataSource dataSource)
{
    private const string Checkpoints = "SELECT coalesce(string_agg(name || ':' || position, ',' ORDER BY name), '') FROM ";

    public async Task<string> ReadAsync(CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(Checkpoints + ProjectionCheckpointsTable.Name);
        var version = (string)(await command.ExecuteScalarAsync(cancellationToken))!;
        try
        {
            await using var recommendations = dataSource.CreateCommand(Checkpoints + RecommendationListTable.Schema + "." + ProjectionCheckpointsTable.Name);
            return version + ";" + (string)(await recommendations.ExecuteScalarAsync(cancellationToken))!;
        }
        catch (PostgresException missing) when (missing.SqlState is PostgresErrorCodes.UndefinedTable or PostgresErrorCodes.InvalidSchemaName)
        {
            // Recommendations has not started yet: nothing of it to cache.
            return version;
        }
    }
}
