using System.Net.Http.Headers;
using System.Text;
using Microsoft.AspNetCore.Builder;
using TokenOptimizer.GraphQL.Http;
using TokenOptimizer.Testing;

namespace TokenOptimizer.GraphQL.Tests;

/// <summary>
/// Regression: over a real socket (Kestrel), a server-sent-events subscription's response stayed unsent until its
/// first event, so a browser's fetch did not resolve and the dashboard showed "Offline" while the stream was open.
/// </summary>
public class SseHeadersWaitedForTheFirstEvent
{
    [Fact]
    public async Task SubscriptionWithoutEvents_AnswersHeadersAndAFirstLine_AtOnce()
    {
        var (app, address) = await LoopbackServer.StartAsync(app => app.MapGraphQL("/graphql", new GraphQLExecutor(TestSchema.Build())));
        await using var _ = app;
        using var client = new HttpClient { BaseAddress = address, Timeout = Timeout.InfiniteTimeSpan };
        using var request = new HttpRequestMessage(HttpMethod.Post, "/graphql")
        {
            Content = new StringContent("""{"query":"subscription { silence }"}""", Encoding.UTF8, "application/json"),
            Headers = { Accept = { new MediaTypeWithQualityHeaderValue(GraphQLHttpHandler.EventStream) } },
        };
        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(10));

        // When the subscription has nothing to send yet
        using var response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, deadline.Token);

        // Then the headers are there, and so is a comment line that tells the client the stream is open
        Assert.Equal(GraphQLHttpHandler.EventStream, response.Content.Headers.ContentType?.MediaType);
        await using var body = await response.Content.ReadAsStreamAsync(deadline.Token);
        var buffer = new byte[64];
        var read = await body.ReadAsync(buffer, deadline.Token);
        Assert.Equal(": connected\n\n", Encoding.UTF8.GetString(buffer, 0, read));
    }
}
