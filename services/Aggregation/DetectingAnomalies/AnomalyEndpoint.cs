using TokenOptimizer.ReadModels;

namespace TokenOptimizer.Aggregation.DetectingAnomalies;

/// <summary><c>GET /v1/anomalies?from=&amp;to=</c>: hours whose cost or error rate departed from their baseline (default the last 7 days).</summary>
public static class AnomalyEndpoint
{
    public static WebApplication MapAnomalies(this WebApplication app)
    {
        app.MapGet("/v1/anomalies", async (DateTimeOffset? from, DateTimeOffset? to, AnomalyReader anomalies, TimeProvider clock, CancellationToken cancellationToken) =>
        {
            if (RequestedPeriod.Refusal(from, to, clock.GetUtcNow()) is { } refused)
            {
                return refused;
            }

            var end = to ?? clock.GetUtcNow();
            var found = await anomalies.BetweenAsync(from ?? end.AddDays(-7), end, null, providerErrorRatesOnly: false, limit: null, DatabaseTurns.None, cancellationToken);
            return Results.Ok(found.Select(a => new
            {
                scope = a.Scope, hour = a.Hour.UtcDateTime, metric = a.Metric, observed = a.Observed,
                baselineMedian = a.BaselineMedian, baselineMad = a.BaselineMad, robustZ = a.Score, baselineHours = a.BaselineHours,
            }));
        });
        return app;
    }
}
