using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using TokenOptimizer.GraphQL.Http;

namespace TokenOptimizer.GraphQL.Tests;

/// An operation that runs longer than <see cref="GraphQLOptions.ExecutionTimeout"/> is stopped and answered with QUERY_TIMEOUT.
public class TimingOutRequests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(10);

    private static GraphQLOptions Options => new() { ExecutionTimeout = TimeSpan.FromMilliseconds(200) };

    [Fact]
    public async Task SlowResolver_IsCancelled_AndTheRequestFailsWithQueryTimeout()
    {
        var stuck = new StuckResolver();

        var result = await new GraphQLExecutor(stuck.Schema, Options).ExecuteAsync(new GraphQLRequest { Query = "{ stuck }" }).WaitAsync(Patience);

        Assert.Equal(RequestFailure.Timeout, result.Failure);
        Assert.False(result.HasData);
        var error = Assert.Single(result.Errors!);
        Assert.Equal(ErrorCodes.Timeout, error.Code);
        Assert.Equal("The operation took longer than the limit of 0.2 seconds and was stopped.", error.Message);
        await stuck.WaitUntilCancelledAsync();
    }

    [Fact]
    public async Task ResolverIgnoringCancellation_StillGetsAnAnswerOnTime()
    {
        var clock = Stopwatch.StartNew();

        var result = await new GraphQLExecutor(new StuckResolver().Schema, Options).ExecuteAsync(new GraphQLRequest { Query = "{ deaf }" }).WaitAsync(Patience);

        Assert.Equal(RequestFailure.Timeout, result.Failure);
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(5), $"answered after {clock.Elapsed.TotalSeconds:0.0} s");
    }

    [Fact]
    public async Task SubscriptionEvent_IsTimedOutOnItsOwn_AndTheStreamGoesOn()
    {
        var result = await new GraphQLExecutor(new StuckResolver().Schema, Options).ExecuteAsync(new GraphQLRequest { Query = "subscription { ticks { stuck } }" });

        var events = await result.Stream!.ToListAsync().AsTask().WaitAsync(Patience);

        Assert.Equal(2, events.Count);
        Assert.All(events, e => Assert.Equal(ErrorCodes.Timeout, Assert.Single(e.Errors!).Code));
    }

    [Fact]
    public async Task OverHttp_ATimeoutIs504_WithTheErrorInTheBody()
    {
        await using var server = await GraphQLServer.StartAsync(executor: new GraphQLExecutor(new StuckResolver().Schema, Options));
        using var request = new HttpRequestMessage(HttpMethod.Post, "/graphql")
        {
            Content = new StringContent("""{"query":"{ stuck }"}""", Encoding.UTF8, "application/json"),
            Headers = { Accept = { new MediaTypeWithQualityHeaderValue(GraphQLHttpHandler.GraphQLResponseJson) } },
        };

        using var response = await server.CreateClient().SendAsync(request).WaitAsync(Patience);

        Assert.Equal(HttpStatusCode.GatewayTimeout, response.StatusCode);
        var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal(ErrorCodes.Timeout, body.GetProperty("errors")[0].GetProperty("extensions").GetProperty("code").GetString());
        Assert.False(body.TryGetProperty("data", out _));
    }
}
