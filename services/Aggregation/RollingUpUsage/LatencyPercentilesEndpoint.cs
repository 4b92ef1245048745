using TokenOptimizer.ReadModels;
namespace TokenOptimizer.Aggregation.RollingUpUsage;

/// <summary><c>GET /v1/latency?from=&amp;to=&amp;granularity=hour&amp;provider=&amp;model=</c>: p50/p95/p99/p99.9 by provider and model.</summary>
public static class LatencyPercentilesEndpoint
{
    public static WebApplication MapLatencyPercentiles(this WebApplication app)
    {
        app.MapGet("/v1/latency", async (DateTimeOffset? from, DateTimeOffset? to, string? granularity, string? provider, string? model,
            UsageRollupReader rollups, TimeProvider clock, CancellationToken cancellationToken) =>
        {
            var bucket = RollupGranularity.Named(granularity ?? "hour");
            if (bucket is null)
            {
                return Results.ValidationProblem(new Dictionary<string, string[]> { ["granularity"] = ["'granularity' must be minute, hour or day."] });
            }

            if (RequestedPeriod.Refusal(from, to, clock.GetUtcNow()) is { } refused)
            {
                return refused;
            }

            var end = to ?? clock.GetUtcNow();
            return Results.Ok(await rollups.LatencyByModelAsync(bucket, from ?? end.AddDays(-1), end, provider, model, cancellationToken));
        });
        return app;
    }
}
