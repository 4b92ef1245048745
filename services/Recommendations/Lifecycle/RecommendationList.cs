using System.Text.Json;
using Npgsql;
using TokenOptimizer.EventStore;
using TokenOptimizer.ReadModels;

namespace TokenOptimizer.Recommendations.Lifecycle;

/// <summary>Reads the recommendation list: ranked by monthly saving, filtered by kind and status.</summary>
public sealed class RecommendationList(NpgsqlDataSource dataSource, EventLog log)
{
    public async Task<IReadOnlyList<Recommendation>> ReadAsync(string? kind, string? status, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand($"""
            SELECT detail::text FROM {RecommendationListTable.Name}
            WHERE ($1::text IS NULL OR kind = $1) AND ($2::text IS NULL OR status = $2)
            ORDER BY monthly_saving_usd DESC, id
            """);
        command.Parameters.Add(new NpgsqlParameter<string?> { TypedValue = kind });
        command.Parameters.Add(new NpgsqlParameter<string?> { TypedValue = status });
        var list = new List<Recommendation>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            list.Add(JsonSerializer.Deserialize<Recommendation>(reader.GetString(0), log.Types.SerializerOptions)!);
        }

        return list;
    }
}
