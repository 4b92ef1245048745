using System.Text.Json;
using Npgsql;

namespace TokenOptimizer.ReadModels;

/// <summary>
/// The one reader of the recommendation list (<see cref="RecommendationListTable"/>), for the Recommendations service and
/// Query alike: the ranked list and the totals the overview shows (optimisation potential is computed here, and only
/// here). Before the Recommendations service has made its schema there is nothing to read: an empty list and no totals,
/// not an error.
/// </summary>
public sealed class RecommendationListReader(NpgsqlDataSource dataSource)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    /// <summary>Ranked by monthly saving (then id), filtered by kind, status and feature when given; at most <paramref name="limit"/> (all if null).</summary>
    public async Task<IReadOnlyList<ListedRecommendation>> ListAsync(
        string? kind, string? status, string? feature, int? limit, DatabaseTurns turns, CancellationToken cancellationToken)
    {
        var list = new List<ListedRecommendation>();
        try
        {
            using var turn = await turns.TakeAsync(cancellationToken);
            await using var command = dataSource.CreateCommand($"""
                SELECT detail::text FROM {RecommendationListTable.QualifiedName}
                WHERE ($1::text IS NULL OR kind = $1) AND ($2::text IS NULL OR status = $2) AND ($3::text IS NULL OR feature = $3)
                ORDER BY monthly_saving_usd DESC, id LIMIT $4
                """);
            command.Parameters.Add(new NpgsqlParameter<string?> { TypedValue = kind });
            command.Parameters.Add(new NpgsqlParameter<string?> { TypedValue = status });
            command.Parameters.Add(new NpgsqlParameter<string?> { TypedValue = feature });
            command.Parameters.Add(new NpgsqlParameter<int?> { TypedValue = limit });
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                list.Add(JsonSerializer.Deserialize<ListedRecommendation>(reader.GetString(0), Json)!);
            }
        }
        catch (PostgresException missing) when (IsMissing(missing))
        {
            return [];
        }

        return list;
    }

    /// <summary>
    /// Optimisation potential (per feature, provider and model, the best open saving: alternatives for the same traffic
    /// do not add up), documented savings (realised so far), and how many are open and accepted; null before the
    /// Recommendations service has made its list.
    /// </summary>
    public async Task<RecommendationTotals?> TotalsAsync(DatabaseTurns turns, CancellationToken cancellationToken)
    {
        try
        {
            using var turn = await turns.TakeAsync(cancellationToken);
            await using var command = dataSource.CreateCommand($"""
                SELECT coalesce((SELECT sum(best) FROM (
                           SELECT max(monthly_saving_usd) AS best FROM {RecommendationListTable.QualifiedName}
                           WHERE status = ANY($1)
                           GROUP BY feature, detail->'suggestion'->>'provider', detail->'suggestion'->>'model') b), 0),
                       coalesce((SELECT sum(realised_saving_usd) FROM {RecommendationListTable.QualifiedName}), 0),
                       (SELECT count(*) FROM {RecommendationListTable.QualifiedName} WHERE status = ANY($1))::int,
                       (SELECT count(*) FROM {RecommendationListTable.QualifiedName} WHERE jsonb_typeof(detail->'acceptance') = 'object')::int
                """);
            command.Parameters.Add(new NpgsqlParameter { Value = RecommendationStatus.Open.ToArray() });
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            await reader.ReadAsync(cancellationToken);
            return new RecommendationTotals(Math.Round(reader.GetDecimal(0), 2), Math.Round(reader.GetDecimal(1), 2), reader.GetInt32(2), reader.GetInt32(3));
        }
        catch (PostgresException missing) when (IsMissing(missing))
        {
            return null;
        }
    }

    private static bool IsMissing(PostgresException exception) =>
        exception.SqlState is PostgresErrorCodes.UndefinedTable or PostgresErrorCodes.InvalidSchemaName;
}
