using TokenOptimizer.Access;
using TokenOptimizer.Access.Limits;
using TokenOptimizer.Query.Upstreams;

namespace TokenOptimizer.Query.ImportingCatalogs;

/// <summary>
/// <c>POST /v1/admin/catalog/imports</c> on Query, for admin keys: relayed as it is to Ingestion, the prices' owner, so the
/// CLI (which knows only Query's address) can import a price file. Not a GraphQL mutation: a whole LiteLLM file is larger
/// than a GraphQL request may be.
/// </summary>
public static class CatalogImportRelay
{
    public const string Path = "/v1/admin/catalog/imports";

    /// <summary>As Ingestion's own limit for the same body.</summary>
    public const long MaxBodyBytes = 8 * 1024 * 1024;

    public static WebApplication MapCatalogImportRelay(this WebApplication app)
    {
        app.MapPost(Path, (HttpRequest request, UpstreamClient upstream, CancellationToken cancellationToken) =>
                upstream.RelayAsync(UpstreamClient.Ingestion, Path, request.Body, cancellationToken))
            .WithBodyLimit(MaxBodyBytes)
            .RequireRole(Role.Admin)
            .RequireRateLimiting(RateLimitPolicies.Admin)
            .WithName("ImportCatalog");
        return app;
    }
}
