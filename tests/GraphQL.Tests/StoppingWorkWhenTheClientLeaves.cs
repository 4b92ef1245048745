using System.Net.Http.Headers;
using System.Net.WebSockets;
using System.Text;
using Microsoft.AspNetCore.Builder;
using TokenOptimizer.GraphQL.Http;
using TokenOptimizer.Testing;

namespace TokenOptimizer.GraphQL.Tests;

/// <summary>
/// A client that goes away cancels its request: over a real socket (Kestrel), a resolver waiting on the request's
/// token is cancelled whether the client came over HTTP, server-sent events or a WebSocket. The time limit is off,
/// so only the disconnect can have stopped it.
/// </summary>
public class StoppingWorkWhenTheClientLeaves
{
    private static async Task<(WebApplication App, Uri Address, StuckResolver Stuck)> StartAsync()
    {
        var stuck = new StuckResolver();
        var executor = new GraphQLExecutor(stuck.Schema, new GraphQLOptions { ExecutionTimeout = Timeout.InfiniteTimeSpan });
        var (app, address) = await LoopbackServer.StartAsync(app =>
        {
            app.UseWebSockets();
            app.MapGraphQL("/graphql", executor);
        });
        return (app, address, stuck);
    }

    [Theory]
    [InlineData(GraphQLHttpHandler.Json)]
    [InlineData(GraphQLHttpHandler.EventStream)]
    public async Task HttpClientGivingUp_CancelsTheResolver(string accept)
    {
        var (app, address, stuck) = await StartAsync();
        await using var _ = app;
        using var client = new HttpClient { BaseAddress = address };
        using var request = new HttpRequestMessage(HttpMethod.Post, "/graphql")
        {
            Content = new StringContent("""{"query":"{ stuck }"}""", Encoding.UTF8, "application/json"),
            Headers = { Accept = { new MediaTypeWithQualityHeaderValue(accept) } },
        };
        using var leave = new CancellationTokenSource();

        // Given a request whose resolver is at work
        var sending = Assert.ThrowsAnyAsync<OperationCanceledException>(() => client.SendAsync(request, leave.Token));
        await stuck.WaitUntilStartedAsync();

        // When the client gives up
        await leave.CancelAsync();
        await sending;

        // Then the resolver's wait is cancelled
        await stuck.WaitUntilCancelledAsync();
    }

    [Fact]
    public async Task WebSocketDropped_CancelsTheResolver()
    {
        var (app, address, stuck) = await StartAsync();
        await using var _ = app;
        using var socket = new ClientWebSocket();
        socket.Options.AddSubProtocol(GraphQLWebSocketHandler.SubProtocol);
        await socket.ConnectAsync(new Uri($"ws://{address.Authority}/graphql"), CancellationToken.None);
        await GraphQLServer.SendAsync(socket, """{"type":"connection_init"}""");
        Assert.Equal("connection_ack", GraphQLServer.TypeOf(await GraphQLServer.ReceiveAsync(socket)));

        // Given an operation whose resolver is at work
        await GraphQLServer.SendAsync(socket, """{"id":"1","type":"subscribe","payload":{"query":"{ stuck }"}}""");
        await stuck.WaitUntilStartedAsync();

        // When the connection drops without a goodbye
        socket.Abort();

        // Then the resolver's wait is cancelled
        await stuck.WaitUntilCancelledAsync();
    }
}
