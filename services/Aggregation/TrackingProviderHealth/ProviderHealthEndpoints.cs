using TokenOptimizer.ReadModels;

namespace TokenOptimizer.Aggregation.TrackingProviderHealth;

/// <summary><c>GET /v1/providers/health</c> and <c>GET /v1/providers/incidents</c> (the latest 500), through <see cref="ProviderHealthReader"/>.</summary>
public static class ProviderHealthEndpoints
{
    public static WebApplication MapProviderHealth(this WebApplication app)
    {
        app.MapGet("/v1/providers/health", async (int? recentMinutes, ProviderHealthReader health, CancellationToken cancellationToken) =>
            Results.Ok(await health.AllAsync(Math.Clamp(recentMinutes ?? 5, 1, 1440), DatabaseTurns.None, cancellationToken)));
        app.MapGet("/v1/providers/incidents", async (ProviderHealthReader health, CancellationToken cancellationToken) =>
            Results.Ok((await health.IncidentsAsync(null, 500, cancellationToken)).Select(i => new
            {
                provider = i.Provider, startedAt = i.StartedAt.UtcDateTime, endedAt = i.EndedAt.UtcDateTime, durationSeconds = i.DurationSeconds, peakErrorRate = i.PeakErrorRate,
            })));
        return app;
    }
}
