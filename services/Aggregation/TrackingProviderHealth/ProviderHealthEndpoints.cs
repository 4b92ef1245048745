using TokenOptimizer.ReadModels;

namespace TokenOptimizer.Aggregation.TrackingProviderHealth;

/// <summary><c>GET /v1/providers/health</c> and <c>GET /v1/providers/incidents</c> (the latest 500, newest first).</summary>
public static class ProviderHealthEndpoints
{
    public static WebApplication MapProviderHealth(this WebApplication app)
    {
        app.MapGet("/v1/providers/health", async (int? recentMinutes, ProviderHealthQuery query, CancellationToken cancellationToken) =>
            Results.Ok(await query.AllAsync(Math.Clamp(recentMinutes ?? 5, 1, 1440), cancellationToken)));
        app.MapGet("/v1/providers/incidents", async (LiveStateReader live, CancellationToken cancellationToken) =>
            Results.Ok((await live.ProvidersAsync(cancellationToken)).SelectMany(p => p.Incidents).OrderByDescending(i => i.StartedAt).Take(500)
                .Select(i => new { provider = i.Provider, startedAt = i.StartedAt, endedAt = i.EndedAt, durationSeconds = i.Duration.TotalSeconds, peakErrorRate = i.PeakErrorRate })));
        return app;
    }
}
