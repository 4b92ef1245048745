using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using TokenOptimizer.Access.Http;
using TokenOptimizer.Access.Limits;

namespace TokenOptimizer.Access.ManagingApiKeys;

/// <summary><c>/v1/admin/api-keys</c>: create (the plaintext is in that answer only), list, revoke. Admin only.</summary>
internal static class ApiKeyEndpoints
{
    public const string Path = "/v1/admin/api-keys";

    public static RouteGroupBuilder Map(IEndpointRouteBuilder endpoints)
    {
        var group = endpoints.MapGroup(Path).RequireRole(Role.Admin).RequireRateLimiting(RateLimitPolicies.Admin);
        group.MapPost("", CreateAsync).AddEndpointFilter<ValidationFilter<CreateApiKey>>().WithName("CreateApiKey");
        group.MapGet("", ListAsync).WithName("ListApiKeys");
        group.MapDelete("/{keyId}", RevokeAsync).WithName("RevokeApiKey");
        return group;
    }

    private static async Task<Created<IssuedApiKey>> CreateAsync(
        CreateApiKey request, ApiKeyStore store, HttpContext context, CancellationToken cancellationToken)
    {
        _ = Roles.TryParse(request.Role, out var role);
        var created = await store.CreateAsync(request.Name!, role, request.Team, cancellationToken);
        // The only response that ever carries a secret: keep it out of every cache on the way.
        context.Response.Headers.CacheControl = "no-store";
        // No Location: a key has no URL to GET; its id names it for DELETE.
        return TypedResults.Created(default(string), IssuedApiKey.From(created));
    }

    private static async Task<Ok<IReadOnlyList<ApiKey>>> ListAsync(ApiKeyStore store, CancellationToken cancellationToken) =>
        TypedResults.Ok(await store.ListAsync(cancellationToken));

    private static async Task<Results<NoContent, ProblemHttpResult>> RevokeAsync(
        string keyId, ApiKeyStore store, CancellationToken cancellationToken) =>
        await store.RevokeAsync(keyId, cancellationToken)
            ? TypedResults.NoContent()
            : TypedResults.Problem(title: "No such API key.", detail: $"No stored key has the id '{keyId}'.", statusCode: StatusCodes.Status404NotFound);
}
