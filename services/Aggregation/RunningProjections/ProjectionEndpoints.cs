using TokenOptimizer.Access.Limits;

namespace TokenOptimizer.Aggregation.RunningProjections;

/// <summary>
/// <c>/v1/projections</c>: each projection's checkpoint, lag and dead letters; the dead letters in full, and their
/// replay after a fix; rebuild from zero. Reads need a read key, replay and rebuild an admin key.
/// </summary>
public static class ProjectionEndpoints
{
    /// <summary>Letters listed per projection by <c>GET /v1/projections</c>; the rest are under <c>…/{name}/dead-letters</c>.</summary>
    private const int LettersListed = 100;

    public static WebApplication MapProjections(this WebApplication app)
    {
        var group = app.MapGroup("/v1/projections");
        group.MapGet("/", async (IProjectionHealth health, CancellationToken cancellationToken) =>
            TypedResults.Ok(await health.ReadAsync(LettersListed, cancellationToken)));
        group.MapGet("/{name}/dead-letters", async (string name, IProjectionHealth health, CancellationToken cancellationToken) =>
            await health.DeadLettersAsync(name, cancellationToken) is { } letters ? Results.Ok(letters) : NoSuchProjection(name));
        group.MapPost("/{name}/dead-letters/replay", async (string name, IProjectionHealth health, CancellationToken cancellationToken) =>
            await health.ReplayAsync(name, cancellationToken) is { } replayed ? Results.Ok(replayed) : NoSuchProjection(name));
        group.MapPost("/{name}/rebuild", async (string name, ProjectionCatalog catalog, CancellationToken cancellationToken) =>
        {
            if (catalog.DaemonFor(name) is not { } daemon)
            {
                return NoSuchProjection(name);
            }

            await daemon.RebuildAsync(cancellationToken);
            return Results.Ok(new { name, checkpoint = await daemon.ReadCheckpointAsync(cancellationToken) });
        }).RequireRateLimiting(RateLimitPolicies.Admin);
        return app;
    }

    private static IResult NoSuchProjection(string name) =>
        TypedResults.Problem($"This service runs no projection named '{name}'; GET /v1/projections lists them.", statusCode: StatusCodes.Status404NotFound);
}
