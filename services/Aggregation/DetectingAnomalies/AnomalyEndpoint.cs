using Npgsql;

namespace TokenOptimizer.Aggregation.DetectingAnomalies;

/// <summary><c>GET /v1/anomalies?from=&amp;to=</c>: hours whose cost or error rate departed from their baseline.</summary>
public static class AnomalyEndpoint
{
    public static WebApplication MapAnomalies(this WebApplication app)
    {
        app.MapGet("/v1/anomalies", async (DateTimeOffset? from, DateTimeOffset? to, NpgsqlDataSource dataSource, TimeProvider clock, CancellationToken cancellationToken) =>
        {
            if (RequestedPeriod.Refusal(from, to, clock.GetUtcNow()) is { } refused)
            {
                return refused;
            }

            var end = to ?? clock.GetUtcNow();
            await using var command = dataSource.CreateCommand($"""
                SELECT scope, hour, metric, observed, baseline_median, baseline_mad, robust_z, baseline_hours FROM {AnomalyTables.Anomalies}
                WHERE hour >= $1 AND hour < $2 ORDER BY hour DESC, scope, metric
                """);
            command.Parameters.Add(new NpgsqlParameter { Value = (from ?? end.AddDays(-7)).UtcDateTime });
            command.Parameters.Add(new NpgsqlParameter { Value = end.UtcDateTime });
            var anomalies = new List<object>();
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                anomalies.Add(new
                {
                    scope = reader.GetString(0), hour = reader.GetDateTime(1), metric = reader.GetString(2), observed = reader.GetDouble(3),
                    baselineMedian = reader.GetDouble(4), baselineMad = reader.GetDouble(5), robustZ = reader.GetDouble(6), baselineHours = reader.GetInt32(7),
                });
            }

            return Results.Ok(anomalies);
        });
        return app;
    }
}
