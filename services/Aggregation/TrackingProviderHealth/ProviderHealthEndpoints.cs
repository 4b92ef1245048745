using Npgsql;

namespace TokenOptimizer.Aggregation.TrackingProviderHealth;

/// <summary><c>GET /v1/providers/health</c> and <c>GET /v1/providers/incidents</c>.</summary>
public static class ProviderHealthEndpoints
{
    public static WebApplication MapProviderHealth(this WebApplication app)
    {
        app.MapGet("/v1/providers/health", async (int? recentMinutes, ProviderHealthQuery query, CancellationToken cancellationToken) =>
            Results.Ok(await query.AllAsync(Math.Clamp(recentMinutes ?? 5, 1, 1440), cancellationToken)));
        app.MapGet("/v1/providers/incidents", async (NpgsqlDataSource dataSource, CancellationToken cancellationToken) =>
        {
            await using var command = dataSource.CreateCommand(
                $"SELECT provider, started_at, ended_at, duration_s, peak_error_rate FROM {ProviderHealthTables.Incidents} ORDER BY started_at DESC LIMIT 500");
            var incidents = new List<object>();
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                incidents.Add(new { provider = reader.GetString(0), startedAt = reader.GetDateTime(1), endedAt = reader.GetDateTime(2), durationSeconds = reader.GetDouble(3), peakErrorRate = reader.GetDouble(4) });
            }

            return Results.Ok(incidents);
        });
        return app;
    }
}
