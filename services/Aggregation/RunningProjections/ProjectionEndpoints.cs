using TokenOptimizer.Access.Limits;

namespace TokenOptimizer.Aggregation.RunningProjections;

/// <summary><c>/v1/projections</c>: checkpoints, skipped events, and rebuild from zero.</summary>
public static class ProjectionEndpoints
{
    public static WebApplication MapProjections(this WebApplication app)
    {
        var group = app.MapGroup("/v1/projections");
        group.MapGet("/", async (ProjectionCatalog catalog, CancellationToken cancellationToken) =>
        {
            var result = new List<object>();
            foreach (var projection in catalog.Projections)
            {
                var daemon = catalog.DaemonFor(projection);
                result.Add(new { name = projection.Name, checkpoint = await daemon.ReadCheckpointAsync(cancellationToken), errors = (await daemon.ReadErrorsAsync(cancellationToken)).Count });
            }

            return Results.Ok(result);
        });
        group.MapGet("/{name}/errors", async (string name, ProjectionCatalog catalog, CancellationToken cancellationToken) =>
            catalog.DaemonFor(name) is { } daemon ? Results.Ok(await daemon.ReadErrorsAsync(cancellationToken)) : Results.NotFound());
        group.MapPost("/{name}/rebuild", async (string name, ProjectionCatalog catalog, CancellationToken cancellationToken) =>
        {
            if (catalog.DaemonFor(name) is not { } daemon)
            {
                return Results.NotFound();
            }

            await daemon.RebuildAsync(cancellationToken);
            return Results.Ok(new { name, checkpoint = await daemon.ReadCheckpointAsync(cancellationToken) });
        }).RequireRateLimiting(RateLimitPolicies.Admin);
        return app;
    }
}
