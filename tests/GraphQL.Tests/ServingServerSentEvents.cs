using System.Net;
using System.Net.Http.Headers;
using System.Text;

namespace TokenOptimizer.GraphQL.Tests;

public class ServingServerSentEvents
{
    private static async Task<(HttpStatusCode Status, string? MediaType, string Body)> PostAsync(string body)
    {
        await using var server = await GraphQLServer.StartAsync();
        using var client = server.CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Post, "/graphql")
        {
            Content = new StringContent(body, Encoding.UTF8, "application/json"),
            Headers = { Accept = { new MediaTypeWithQualityHeaderValue("text/event-stream") } },
        };
        using var response = await client.SendAsync(request);
        return (response.StatusCode, response.Content.Headers.ContentType?.MediaType, await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Subscription_StreamsNextEventsThenComplete()
    {
        var (status, mediaType, body) = await PostAsync("""{"query":"subscription { ticks(count: 2) }"}""");

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("text/event-stream", mediaType);
        Assert.Equal(": connected\n\nevent: next\ndata: {\"data\":{\"ticks\":1}}\n\nevent: next\ndata: {\"data\":{\"ticks\":2}}\n\nevent: complete\ndata: \n\n", body);
    }

    [Fact]
    public async Task Query_IsOneEventThenComplete()
    {
        var (_, _, body) = await PostAsync("""{"query":"{ hello }"}""");

        Assert.Equal(": connected\n\nevent: next\ndata: {\"data\":{\"hello\":\"Hello, world!\"}}\n\nevent: complete\ndata: \n\n", body);
    }

    [Fact]
    public async Task InvalidRequest_IsRejectedBeforeTheStream()
    {
        var (status, mediaType, body) = await PostAsync("""{"query":"subscription { nope }"}""");

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal("application/json", mediaType);
        Assert.Contains("GRAPHQL_VALIDATION_FAILED", body, StringComparison.Ordinal);
    }
}
