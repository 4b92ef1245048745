using System.Net.WebSockets;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using TokenOptimizer.GraphQL.Http;

namespace TokenOptimizer.GraphQL.Tests;

/// An in-memory ASP.NET Core host serving the test schema (or the given executor) at /graphql.
internal sealed class GraphQLServer : IAsyncDisposable
{
    private readonly WebApplication _app;

    private GraphQLServer(WebApplication app) => _app = app;

    public static async Task<GraphQLServer> StartAsync(GraphQLHttpOptions? httpOptions = null, GraphQLExecutor? executor = null)
    {
        var builder = WebApplication.CreateBuilder();
        builder.WebHost.UseTestServer();
        var app = builder.Build();
        app.UseWebSockets();
        app.MapGraphQL("/graphql", executor ?? new GraphQLExecutor(TestSchema.Build()), httpOptions);
        await app.StartAsync();
        return new GraphQLServer(app);
    }

    public HttpClient CreateClient() => _app.GetTestClient();

    public async Task<WebSocket> ConnectAsync(string? subProtocol = GraphQLWebSocketHandler.SubProtocol)
    {
        var client = _app.GetTestServer().CreateWebSocketClient();
        if (subProtocol is not null)
        {
            client.SubProtocols.Add(subProtocol);
        }

        return await client.ConnectAsync(new Uri("ws://localhost/graphql"), CancellationToken.None);
    }

    public static async Task SendAsync(WebSocket socket, string json) =>
        await socket.SendAsync(Encoding.UTF8.GetBytes(json), WebSocketMessageType.Text, true, CancellationToken.None);

    /// Returns the next text message, or "close:{code}" when the server closes the socket.
    public static async Task<string> ReceiveAsync(WebSocket socket)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        var buffer = new byte[64 * 1024];
        using var message = new MemoryStream();
        while (true)
        {
            var result = await socket.ReceiveAsync(buffer, timeout.Token);
            if (result.MessageType == WebSocketMessageType.Close)
            {
                return $"close:{(int?)result.CloseStatus}";
            }

            await message.WriteAsync(buffer.AsMemory(0, result.Count), timeout.Token);
            if (result.EndOfMessage)
            {
                return Encoding.UTF8.GetString(message.ToArray());
            }
        }
    }

    public static string TypeOf(string message) =>
        message.StartsWith("close:", StringComparison.Ordinal) ? message : JsonDocument.Parse(message).RootElement.GetProperty("type").GetString()!;

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();
}
