using System.Net.WebSockets;
using System.Text;
using System.Text.Json;
using TokenOptimizer.Access;
using TokenOptimizer.Testing;
using Xunit;

namespace TokenOptimizer.Query.IntegrationTests;

/// <summary>The <c>dashboardUpdated</c> subscription over graphql-transport-ws, as a browser dashboard uses it.</summary>
public sealed class FollowingTheDashboard(QueryHost host) : IClassFixture<QueryHost>
{
    private const string Subscription = "subscription { dashboardUpdated { version overview(filter: {range: LAST_HOUR}) { requests } } }";

    private async Task<WebSocket> ConnectAsync(string? apiKey)
    {
        var client = host.Factory.Server.CreateWebSocketClient();
        client.SubProtocols.Add("graphql-transport-ws");
        var socket = await client.ConnectAsync(new Uri(host.Factory.Server.BaseAddress, "graphql"), CancellationToken.None);
        await SendAsync(socket, new { type = "connection_init", payload = new { apiKey } });
        return socket;
    }

    private static Task SendAsync(WebSocket socket, object message) =>
        socket.SendAsync(JsonSerializer.SerializeToUtf8Bytes(message), WebSocketMessageType.Text, true, CancellationToken.None);

    private static async Task<JsonElement?> ReceiveAsync(WebSocket socket, TimeSpan timeout)
    {
        using var cancel = new CancellationTokenSource(timeout);
        var buffer = new byte[64 * 1024];
        using var message = new MemoryStream();
        WebSocketReceiveResult result;
        do
        {
            result = await socket.ReceiveAsync(buffer, cancel.Token);
            if (result.MessageType == WebSocketMessageType.Close)
            {
                return null;
            }

            await message.WriteAsync(buffer.AsMemory(0, result.Count), cancel.Token);
        }
        while (!result.EndOfMessage);
        return JsonDocument.Parse(Encoding.UTF8.GetString(message.ToArray())).RootElement.Clone();
    }

    [Fact]
    public async Task Subscriber_HearsOfAnIngestedRecord_WithItsOwnTeamsFigures()
    {
        // Given a dashboard of team "alpha" subscribed with its scoped key
        var key = await host.CreateKeyAsync(Role.Read, "alpha");
        using var socket = await ConnectAsync(key);
        Assert.Equal("connection_ack", (await ReceiveAsync(socket, TimeSpan.FromSeconds(10)))!.Value.GetProperty("type").GetString());
        await SendAsync(socket, new { id = "1", type = "subscribe", payload = new { query = Subscription } });

        // When a record of team alpha and one of team beta are ingested
        var records = TestUsage.Generate(2, seed: 31, from: DateTimeOffset.UtcNow.AddMinutes(-5), span: TimeSpan.FromMinutes(4));
        var clock = System.Diagnostics.Stopwatch.StartNew();
        await host.FeedAsync([records[0] with { Usage = records[0].Usage with { Team = "alpha" } }, records[1] with { Usage = records[1].Usage with { Team = "beta" } }]);

        // Then an update arrives within 2 s of the read models having them, showing alpha's one call only
        long requests = -1;
        while (requests < 1)
        {
            var message = await ReceiveAsync(socket, TimeSpan.FromSeconds(2));
            Assert.NotNull(message);
            Assert.Equal("next", message.Value.GetProperty("type").GetString());
            requests = message.Value.GetProperty("payload").GetProperty("data").GetProperty("dashboardUpdated").GetProperty("overview").GetProperty("requests").GetInt64();
        }

        Assert.Equal(1, requests);
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(10), $"update after {clock.Elapsed}");
    }

    [Fact]
    public async Task KeyRevokedWhileSubscribed_GetsNoMoreUpdates_ButAnErrorThatEndsTheSubscription()
    {
        // Given a dashboard of a team subscribed with its scoped key
        var key = await host.CreateKeyAsync(Role.Read, "revoked-team");
        using var socket = await ConnectAsync(key);
        Assert.Equal("connection_ack", (await ReceiveAsync(socket, TimeSpan.FromSeconds(10)))!.Value.GetProperty("type").GetString());
        await SendAsync(socket, new { id = "1", type = "subscribe", payload = new { query = Subscription } });

        // When the key is revoked, and then the team's calls reach the read models
        using (var revoke = new HttpRequestMessage(HttpMethod.Delete, $"/v1/admin/api-keys/{key.Split('_')[1]}"))
        {
            revoke.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", host.AdminKey);
            (await host.Http.SendAsync(revoke)).EnsureSuccessStatusCode();
        }

        var records = TestUsage.Generate(3, seed: 32, from: DateTimeOffset.UtcNow.AddMinutes(-5), span: TimeSpan.FromMinutes(4));
        await host.FeedAsync(records.Select(r => r with { Usage = r.Usage with { Team = "revoked-team" } }));

        // Then no update shows them: the subscription ends with an error saying the key was revoked
        var messages = new List<JsonElement>();
        while (await ReceiveAsync(socket, TimeSpan.FromSeconds(10)) is { } message && message.GetProperty("type").GetString() != "complete")
        {
            messages.Add(message);
        }

        Assert.DoesNotContain(messages, m => m.GetProperty("payload").TryGetProperty("data", out var data) && data.ValueKind == JsonValueKind.Object
            && data.GetProperty("dashboardUpdated").GetProperty("overview").GetProperty("requests").GetInt64() > 0);
        var error = messages[^1].GetProperty("payload").GetProperty("errors")[0];
        Assert.Equal("UNAUTHENTICATED", error.GetProperty("extensions").GetProperty("code").GetString());
    }

    [Fact]
    public async Task SocketWithoutAValidKey_IsClosed()
    {
        using var socket = await ConnectAsync(ApiKeys.Generate());
        Assert.Null(await ReceiveAsync(socket, TimeSpan.FromSeconds(10)));
        Assert.Equal(4403, (int?)socket.CloseStatus);
    }
}
