using TokenOptimizer.Access;
using TokenOptimizer.Access.Limits;
using TokenOptimizer.Ingestion.PricingModels;

namespace TokenOptimizer.Ingestion.Quarantining;

/// <summary>
/// What an operator reads to fix producers: the rejected records and the models without a price. Admin keys only:
/// a rejected record may hold any team's data, and producers' ingest keys must not read anything.
/// </summary>
public static class QuarantineEndpoints
{
    private const int MaxListed = 1000;

    public static IEndpointRouteBuilder MapQuarantine(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/v1/quarantine", async (Quarantine quarantine, int? limit, CancellationToken cancellationToken) =>
            TypedResults.Ok(await quarantine.ListAsync(Math.Clamp(limit ?? 100, 1, MaxListed), cancellationToken)))
            .RequireRole(Role.Admin).RequireRateLimiting(RateLimitPolicies.Admin);
        endpoints.MapGet("/v1/unpriced-models", async (UnpricedModels models, CancellationToken cancellationToken) =>
            TypedResults.Ok(await models.ListAsync(cancellationToken)))
            .RequireRole(Role.Admin).RequireRateLimiting(RateLimitPolicies.Admin);
        return endpoints;
    }
}
