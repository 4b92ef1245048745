using Microsoft.AspNetCore.Http;

namespace TokenOptimizer.GraphQL.Http;

/// <summary>Options of the GraphQL HTTP, SSE and WebSocket endpoint.</summary>
public sealed class GraphQLHttpOptions
{
    /// <summary>Creates the per-request context object resolvers see as <see cref="ResolveContext.UserContext"/>.</summary>
    public Func<HttpContext, object?>? UserContextFactory { get; set; }

    /// <summary>
    /// Checks the <c>connection_init</c> payload of a WebSocket connection (e.g. a token); returning false
    /// closes the socket with 4403 Forbidden. Accepts every connection when null.
    /// </summary>
    public Func<HttpContext, IReadOnlyDictionary<string, object?>?, ValueTask<bool>>? OnConnectionInit { get; set; }

    /// <summary>How long a WebSocket client may take to send <c>connection_init</c> (default 3 seconds).</summary>
    public TimeSpan ConnectionInitTimeout { get; set; } = TimeSpan.FromSeconds(3);

    /// <summary>Largest accepted request body in bytes (default 1 MiB).</summary>
    public int MaxRequestBodyBytes { get; set; } = 1 << 20;
}
