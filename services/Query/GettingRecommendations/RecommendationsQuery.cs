using System.Text.Json;
using Npgsql;
using TokenOptimizer.Query.Serving;

namespace TokenOptimizer.Query.GettingRecommendations;

/// <summary>
/// Reads the Recommendations service's list (each row's folded state as JSON) and shapes it for GraphQL. Before that
/// service has made its schema there is nothing to read, which is an empty list, not an error.
/// </summary>
public sealed class RecommendationsQuery(NpgsqlDataSource dataSource)
{
    public async Task<IReadOnlyList<Dictionary<string, object?>>> ListAsync(string? kind, string? status, string? feature, int limit, DatabaseTurns turns, CancellationToken cancellationToken)
    {
        var rows = new List<JsonElement>();
        try
        {
            using var turn = await turns.TakeAsync(cancellationToken);
            await using var command = dataSource.CreateCommand($"""
                SELECT detail::text FROM {RecommendationTables.List}
                WHERE ($1::text IS NULL OR kind = $1) AND ($2::text IS NULL OR status = $2) AND ($3::text IS NULL OR feature = $3)
                ORDER BY monthly_saving_usd DESC, id LIMIT $4
                """);
            command.Parameters.Add(new NpgsqlParameter<string?> { TypedValue = kind });
            command.Parameters.Add(new NpgsqlParameter<string?> { TypedValue = status });
            command.Parameters.Add(new NpgsqlParameter<string?> { TypedValue = feature });
            command.Parameters.Add(new NpgsqlParameter { Value = limit });
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                rows.Add(JsonDocument.Parse(reader.GetString(0)).RootElement.Clone());
            }
        }
        catch (PostgresException missing) when (missing.SqlState is PostgresErrorCodes.UndefinedTable or PostgresErrorCodes.InvalidSchemaName)
        {
            return [];
        }

        return [.. rows.Select((row, i) => RecommendationShape.Of(row, rank: i + 1))];
    }

    /// <summary>
    /// Optimisation potential (per feature, provider and model, the best open saving: alternatives for the same traffic
    /// do not add up) and documented savings (realised so far); null before the service has made its list.
    /// </summary>
    public async Task<(decimal Potential, decimal Realised)?> TotalsAsync(DatabaseTurns turns, CancellationToken cancellationToken)
    {
        try
        {
            using var turn = await turns.TakeAsync(cancellationToken);
            await using var command = dataSource.CreateCommand($"""
                SELECT coalesce((SELECT sum(best) FROM (
                           SELECT max(monthly_saving_usd) AS best FROM {RecommendationTables.List}
                           WHERE status IN ('suggested', 'tested')
                           GROUP BY feature, detail->'suggestion'->>'provider', detail->'suggestion'->>'model') b), 0),
                       coalesce((SELECT sum(realised_saving_usd) FROM {RecommendationTables.List}), 0)
                """);
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            await reader.ReadAsync(cancellationToken);
            return (Math.Round(reader.GetDecimal(0), 2), Math.Round(reader.GetDecimal(1), 2));
        }
        catch (PostgresException missing) when (missing.SqlState is PostgresErrorCodes.UndefinedTable or PostgresErrorCodes.InvalidSchemaName)
        {
            return null;
        }
    }
}
