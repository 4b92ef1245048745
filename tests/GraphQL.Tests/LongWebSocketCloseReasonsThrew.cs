using System.Net.WebSockets;
using System.Text;
using TokenOptimizer.GraphQL.Http;

namespace TokenOptimizer.GraphQL.Tests;

/// <summary>
/// Regression: a close reason quoting the client (here an unknown message type) could exceed the 123 bytes a close
/// frame holds, and the socket threw instead of closing. Reasons are now cut at a UTF-8 character boundary.
/// </summary>
public class LongWebSocketCloseReasonsThrew
{
    [Theory]
    [InlineData("short", "short")]
    [InlineData("a", "a")]
    public void ShortReasons_AreKept(string reason, string expected) => Assert.Equal(expected, GraphQLWebSocketHandler.FitCloseReason(reason));

    [Theory]
    [InlineData("a", 123)] // 1 byte each
    [InlineData("é", 61)] // 2 bytes each: 61 × 2 = 122, a 62nd would make 124
    [InlineData("€", 41)] // 3 bytes each: 41 × 3 = 123
    [InlineData("😀", 30)] // 4 bytes, 2 UTF-16 units each: 30 × 4 = 120; never half a surrogate pair
    public void LongReasons_AreCutAtACharacterBoundary(string character, int keptCharacters)
    {
        var reason = string.Concat(Enumerable.Repeat(character, 200));

        var fitted = GraphQLWebSocketHandler.FitCloseReason(reason);

        Assert.Equal(string.Concat(Enumerable.Repeat(character, keptCharacters)), fitted);
        Assert.True(Encoding.UTF8.GetByteCount(fitted) <= 123);
    }

    [Fact]
    public async Task UnknownMessageTypeOfManyBytes_ClosesWith4400_AndACutReason()
    {
        await using var server = await GraphQLServer.StartAsync();
        var socket = await server.ConnectAsync();
        var type = new string('é', 300);

        await GraphQLServer.SendAsync(socket, $$"""{"type":"{{type}}"}""");

        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        var received = await socket.ReceiveAsync(new byte[1024], timeout.Token);
        Assert.Equal(WebSocketMessageType.Close, received.MessageType);
        Assert.Equal(4400, (int?)socket.CloseStatus);
        var reason = socket.CloseStatusDescription!;
        Assert.StartsWith("Unexpected message type \"éé", reason, StringComparison.Ordinal);
        Assert.True(Encoding.UTF8.GetByteCount(reason) <= 123, reason);
    }
}
