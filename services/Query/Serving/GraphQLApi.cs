using Microsoft.AspNetCore.Authorization;
using Microsoft.Extensions.Options;
using TokenOptimizer.Access;
using TokenOptimizer.Access.Limits;
using TokenOptimizer.GraphQL;
using TokenOptimizer.GraphQL.Http;
using TokenOptimizer.ReadModels;

namespace TokenOptimizer.Query.Serving;

/// <summary>
/// <c>/graphql</c> over HTTP, SSE and WebSocket, for read keys (and admin keys, which also may mutate). HTTP
/// callers send their key in a header and get 401/403 before anything runs. Browsers cannot set headers on a
/// WebSocket, so an upgrade request may come without one and present the key in <c>connection_init</c>'s
/// payload (<c>{"apiKey": "tok_…"}</c>); the socket is closed unless it authenticates there.
/// </summary>
public static class GraphQLApi
{
    private const string SocketKeyItem = "tokenoptimizer:socket-key";

    public static void MapGraphQLApi(this WebApplication app)
    {
        var policy = new AuthorizationPolicyBuilder(ApiKeyDefaults.Scheme)
            .RequireAssertion(context => context.Resource is HttpContext { WebSockets.IsWebSocketRequest: true }
                || ApiKeyPrincipal.From(context.User)?.Has(Role.Read) == true)
            .Build();
        var version = app.Services.GetRequiredService<ReadModelVersion>();
        var keys = app.Services.GetRequiredService<ApiKeyStore>();
        var turnsPerRequest = app.Services.GetRequiredService<IOptions<QueryOptions>>().Value.DatabaseCommandsPerRequest;
        app.MapGraphQL("/graphql", app.Services.GetRequiredService<GraphQLExecutor>(), new GraphQLHttpOptions
        {
            UserContextFactory = http =>
                (http.Items[SocketKeyItem] as ApiKeyPrincipal ?? ApiKeyPrincipal.From(http.User)) is { } principal && principal.Has(Role.Read)
                    ? new QueryCaller(principal, version.ReadAsync, new DatabaseTurns(turnsPerRequest))
                    : null,
            OnConnectionInit = async (http, payload) =>
            {
                var principal = ApiKeyPrincipal.From(http.User)
                    ?? await keys.AuthenticateAsync(payload?.GetValueOrDefault("apiKey") as string, http.RequestAborted);
                http.Items[SocketKeyItem] = principal;
                return principal?.Has(Role.Read) == true;
            },
        }).RequireAuthorization(policy).RequireRateLimiting(RateLimitPolicies.GraphQL);
    }
}
