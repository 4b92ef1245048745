using Npgsql;

namespace TokenOptimizer.Recommendations.Realising;

/// <summary>A feature's priced calls and their mean cost over a time range, from the per-request log.</summary>
public sealed class FeatureCostPerRequest(NpgsqlDataSource dataSource)
{
    public async Task<(long Requests, decimal CostPerRequestUsd)> ReadAsync(string feature, DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(
            "SELECT count(*), coalesce(round(avg(cost_usd), 12), 0) FROM usage_requests WHERE feature = $1 AND priced AND occurred_at >= $2 AND occurred_at < $3");
        command.Parameters.Add(new NpgsqlParameter { Value = feature });
        command.Parameters.Add(new NpgsqlParameter { Value = from.UtcDateTime });
        command.Parameters.Add(new NpgsqlParameter { Value = to.UtcDateTime });
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        await reader.ReadAsync(cancellationToken);
        return (reader.GetInt64(0), reader.GetDecimal(1));
    }
}
