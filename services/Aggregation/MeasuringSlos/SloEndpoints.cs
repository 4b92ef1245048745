using Microsoft.Extensions.Options;

namespace TokenOptimizer.Aggregation.MeasuringSlos;

/// <summary><c>GET /v1/slos</c>: each objective's standing; <c>GET /v1/slos/targets</c>: the configured targets.</summary>
public static class SloEndpoints
{
    public static WebApplication MapSlos(this WebApplication app)
    {
        app.MapGet("/v1/slos", async (SloQuery query, CancellationToken cancellationToken) => Results.Ok(await query.AllAsync(cancellationToken)));
        app.MapGet("/v1/slos/targets", (IOptions<SloOptions> options) => Results.Ok(options.Value));
        return app;
    }
}
