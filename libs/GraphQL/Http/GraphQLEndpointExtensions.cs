using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace TokenOptimizer.GraphQL.Http;

/// <summary>Maps a GraphQL endpoint: HTTP (GET/POST), server-sent events, WebSocket, and the SDL.</summary>
public static class GraphQLEndpointExtensions
{
    /// <summary>
    /// Maps <paramref name="pattern"/> for GraphQL over HTTP, graphql-sse (<c>Accept: text/event-stream</c>) and
    /// graphql-transport-ws WebSockets (call <c>app.UseWebSockets()</c> first), plus
    /// <c>{pattern}/schema.graphql</c> returning the SDL.
    /// </summary>
    /// <param name="endpoints">The route builder.</param>
    /// <param name="pattern">The route, e.g. <c>/graphql</c>.</param>
    /// <param name="executor">The executor serving the schema.</param>
    /// <param name="options">Transport options; defaults when null.</param>
    /// <returns>The route group, so conventions (authorization, CORS, rate limits) apply to every endpoint.</returns>
    public static RouteGroupBuilder MapGraphQL(
        this IEndpointRouteBuilder endpoints, string pattern, GraphQLExecutor executor, GraphQLHttpOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        ArgumentNullException.ThrowIfNull(executor);
        options ??= new GraphQLHttpOptions();
        var http = new GraphQLHttpHandler(executor, options);
        var sockets = new GraphQLWebSocketHandler(executor, options);
        var group = endpoints.MapGroup(pattern);
        group.Map("", (HttpContext context) => context.WebSockets.IsWebSocketRequest ? sockets.HandleAsync(context) : http.HandleAsync(context));
        var sdl = executor.Schema.PrintSdl() + "\n";
        group.MapGet("/schema.graphql", () => Results.Text(sdl, "text/plain; charset=utf-8"));
        return group;
    }
}
