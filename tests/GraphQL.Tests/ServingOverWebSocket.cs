using System.Net.WebSockets;
using TokenOptimizer.GraphQL.Http;

namespace TokenOptimizer.GraphQL.Tests;

/// The graphql-transport-ws protocol, message by message.
public class ServingOverWebSocket
{
    private static async Task<(GraphQLServer Server, WebSocket Socket)> ConnectAndInitAsync()
    {
        var server = await GraphQLServer.StartAsync();
        var socket = await server.ConnectAsync();
        await GraphQLServer.SendAsync(socket, """{"type":"connection_init","payload":{}}""");
        Assert.Equal("""{"type":"connection_ack"}""", await GraphQLServer.ReceiveAsync(socket));
        return (server, socket);
    }

    [Fact]
    public async Task Subscribe_StreamsNextMessagesThenComplete()
    {
        var (server, socket) = await ConnectAndInitAsync();
        await using (server)
        {
            await GraphQLServer.SendAsync(socket, """{"id":"1","type":"subscribe","payload":{"query":"subscription { ticks(count: 2) }"}}""");

            Assert.Equal("""{"id":"1","type":"next","payload":{"data":{"ticks":1}}}""", await GraphQLServer.ReceiveAsync(socket));
            Assert.Equal("""{"id":"1","type":"next","payload":{"data":{"ticks":2}}}""", await GraphQLServer.ReceiveAsync(socket));
            Assert.Equal("""{"id":"1","type":"complete"}""", await GraphQLServer.ReceiveAsync(socket));
        }
    }

    [Fact]
    public async Task QueryOverSocket_IsOneNextThenComplete()
    {
        var (server, socket) = await ConnectAndInitAsync();
        await using (server)
        {
            await GraphQLServer.SendAsync(socket, """{"id":"q","type":"subscribe","payload":{"query":"{ hello }"}}""");

            Assert.Equal("""{"id":"q","type":"next","payload":{"data":{"hello":"Hello, world!"}}}""", await GraphQLServer.ReceiveAsync(socket));
            Assert.Equal("""{"id":"q","type":"complete"}""", await GraphQLServer.ReceiveAsync(socket));
        }
    }

    [Fact]
    public async Task InvalidOperation_SendsErrorMessage()
    {
        var (server, socket) = await ConnectAndInitAsync();
        await using (server)
        {
            await GraphQLServer.SendAsync(socket, """{"id":"e","type":"subscribe","payload":{"query":"subscription { nope }"}}""");

            var message = await GraphQLServer.ReceiveAsync(socket);
            Assert.StartsWith("""{"id":"e","type":"error","payload":[{"message":"Cannot query field""", message, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Ping_IsAnsweredWithPong()
    {
        var (server, socket) = await ConnectAndInitAsync();
        await using (server)
        {
            await GraphQLServer.SendAsync(socket, """{"type":"ping"}""");

            Assert.Equal("""{"type":"pong"}""", await GraphQLServer.ReceiveAsync(socket));
        }
    }

    [Fact]
    public async Task ClientComplete_StopsTheStreamSilently()
    {
        var (server, socket) = await ConnectAndInitAsync();
        await using (server)
        {
            await GraphQLServer.SendAsync(socket, """{"id":"1","type":"subscribe","payload":{"query":"subscription { ticks(count: 100000) }"}}""");
            Assert.Equal("next", GraphQLServer.TypeOf(await GraphQLServer.ReceiveAsync(socket)));

            await GraphQLServer.SendAsync(socket, """{"id":"1","type":"complete"}""");
            await GraphQLServer.SendAsync(socket, """{"type":"ping"}""");

            // Events already in flight may still arrive; no "complete" is sent back, and the connection stays usable.
            string message;
            do
            {
                message = await GraphQLServer.ReceiveAsync(socket);
            }
            while (GraphQLServer.TypeOf(message) == "next");

            Assert.Equal("pong", GraphQLServer.TypeOf(message));
        }
    }

    [Fact]
    public async Task SubscribeBeforeInit_ClosesWith4401()
    {
        await using var server = await GraphQLServer.StartAsync();
        var socket = await server.ConnectAsync();

        await GraphQLServer.SendAsync(socket, """{"id":"1","type":"subscribe","payload":{"query":"{ hello }"}}""");

        Assert.Equal("close:4401", await GraphQLServer.ReceiveAsync(socket));
    }

    [Fact]
    public async Task SecondInit_ClosesWith4429()
    {
        var (server, socket) = await ConnectAndInitAsync();
        await using (server)
        {
            await GraphQLServer.SendAsync(socket, """{"type":"connection_init"}""");

            Assert.Equal("close:4429", await GraphQLServer.ReceiveAsync(socket));
        }
    }

    [Fact]
    public async Task DuplicateSubscriptionId_ClosesWith4409()
    {
        var (server, socket) = await ConnectAndInitAsync();
        await using (server)
        {
            const string subscribe = """{"id":"dup","type":"subscribe","payload":{"query":"subscription { ticks(count: 100000) }"}}""";
            await GraphQLServer.SendAsync(socket, subscribe);
            await GraphQLServer.SendAsync(socket, subscribe);

            string message;
            do
            {
                message = await GraphQLServer.ReceiveAsync(socket);
            }
            while (GraphQLServer.TypeOf(message) == "next");

            Assert.Equal("close:4409", message);
        }
    }

    [Theory]
    [InlineData("not json")]
    [InlineData("""{"type":"unknown"}""")]
    [InlineData("""{"type":"subscribe","payload":{"query":"{ hello }"}}""")]
    public async Task InvalidMessage_ClosesWith4400(string message)
    {
        var (server, socket) = await ConnectAndInitAsync();
        await using (server)
        {
            await GraphQLServer.SendAsync(socket, message);

            Assert.Equal("close:4400", await GraphQLServer.ReceiveAsync(socket));
        }
    }

    [Fact]
    public async Task MissingSubProtocol_ClosesWith4406()
    {
        await using var server = await GraphQLServer.StartAsync();

        var socket = await server.ConnectAsync(subProtocol: null);

        Assert.Equal("close:4406", await GraphQLServer.ReceiveAsync(socket));
    }

    [Fact]
    public async Task NoInit_ClosesWith4408AfterTheTimeout()
    {
        await using var server = await GraphQLServer.StartAsync(new GraphQLHttpOptions { ConnectionInitTimeout = TimeSpan.FromMilliseconds(100) });
        var socket = await server.ConnectAsync();

        Assert.Equal("close:4408", await GraphQLServer.ReceiveAsync(socket));
    }

    [Fact]
    public async Task RejectedInitPayload_ClosesWith4403()
    {
        await using var server = await GraphQLServer.StartAsync(new GraphQLHttpOptions
        {
            OnConnectionInit = (_, payload) => ValueTask.FromResult(payload?.GetValueOrDefault("token") as string == "secret"),
        });
        var socket = await server.ConnectAsync();

        await GraphQLServer.SendAsync(socket, """{"type":"connection_init","payload":{"token":"wrong"}}""");

        Assert.Equal("close:4403", await GraphQLServer.ReceiveAsync(socket));
    }
}
