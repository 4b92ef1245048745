using Npgsql;
using TokenOptimizer.UsageLog;

namespace TokenOptimizer.Query.Serving;

/// <summary>
/// How far the read models have got: the position of Marten's daemon (Aggregation's read models) and the head of the
/// Recommendations service's own event store (its list is an inline projection: it moves with every append there), as
/// one string. It changes exactly when a read model commits new events, so a result cached under it is never stale,
/// and costs one indexed read per store.
/// </summary>
public sealed class ReadModelVersion(NpgsqlDataSource dataSource)
{
    private const string Progress = $"""
        SELECT coalesce(string_agg(name || ':' || last_seq_id, ',' ORDER BY name), '') FROM {EventStoreTables.Progression}
        WHERE NOT starts_with(name, 'HighWater')
        """;

    public async Task<string> ReadAsync(CancellationToken cancellationToken)
    {
        try
        {
            await using var command = dataSource.CreateCommand(Progress);
            var version = await command.ExecuteScalarAsync(cancellationToken) as string ?? "";
            return version + ";" + await RecommendationsHeadAsync(cancellationToken);
        }
        catch (PostgresException missing) when (missing.SqlState is PostgresErrorCodes.UndefinedTable or PostgresErrorCodes.InvalidSchemaName)
        {
            // Aggregation has not created the event store yet: nothing to cache.
            return "";
        }
    }

    private async Task<string> RecommendationsHeadAsync(CancellationToken cancellationToken)
    {
        try
        {
            await using var recommendations = dataSource.CreateCommand(
                $"SELECT coalesce(max(seq_id), 0)::text FROM {GettingRecommendations.RecommendationTables.Schema}.mt_events");
            return (string)(await recommendations.ExecuteScalarAsync(cancellationToken))!;
        }
        catch (PostgresException missing) when (missing.SqlState is PostgresErrorCodes.UndefinedTable or PostgresErrorCodes.InvalidSchemaName)
        {
            // Recommendations has not started yet: nothing of it to cache.
            return "";
        }
    }
}
