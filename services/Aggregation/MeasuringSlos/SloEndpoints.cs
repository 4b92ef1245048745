using TokenOptimizer.Access.Http;
using TokenOptimizer.Access.Limits;
using TokenOptimizer.UsageLog;

namespace TokenOptimizer.Aggregation.MeasuringSlos;

/// <summary>
/// <c>GET /v1/slos</c>: each objective's standing; <c>GET /v1/slos/targets</c>: the targets in force;
/// <c>PUT /v1/slos/targets</c>: stores new targets (400 naming each invalid field, 409 if targets were set meanwhile).
/// </summary>
public static class SloEndpoints
{
    public static WebApplication MapSlos(this WebApplication app)
    {
        app.MapGet("/v1/slos", async (SloQuery query, CancellationToken cancellationToken) => Results.Ok(await query.AllAsync(cancellationToken)));
        app.MapGet("/v1/slos/targets", async (SloTargetsLog targets, CancellationToken cancellationToken) =>
            Results.Ok((await targets.ReadAsync(cancellationToken)).View()));
        app.MapPut("/v1/slos/targets", async (SetSloTargets command, SloTargetsLog targets, CancellationToken cancellationToken) =>
        {
            try
            {
                return Results.Ok((await targets.SetAsync(command, cancellationToken)).View());
            }
            catch (StreamVersionConflictException)
            {
                return Results.Problem(title: "SLO targets were set meanwhile.", detail: "Read them again and send yours anew.", statusCode: StatusCodes.Status409Conflict);
            }
        }).AddEndpointFilter<ValidationFilter<SetSloTargets>>().RequireRateLimiting(RateLimitPolicies.Admin);
        return app;
    }
}
