namespace TokenOptimizer.GraphQL.Tests;

public class Subscribing
{
    [Fact]
    public async Task EachSourceEvent_ProducesOneResult()
    {
        var result = await new GraphQLExecutor(TestSchema.Build()).ExecuteAsync(new GraphQLRequest { Query = "subscription { ticks(count: 3) }" });

        var events = new List<string>();
        await foreach (var item in result.Stream!)
        {
            events.Add(GraphQLJson.Serialize(item));
        }

        Assert.Equal(["""{"data":{"ticks":1}}""", """{"data":{"ticks":2}}""", """{"data":{"ticks":3}}"""], events);
    }

    [Fact]
    public async Task Cancellation_EndsTheStream()
    {
        using var cancellation = new CancellationTokenSource();
        var result = await new GraphQLExecutor(TestSchema.Build())
            .ExecuteAsync(new GraphQLRequest { Query = "subscription { ticks(count: 1000) }" }, cancellation.Token);
        var received = 0;

        await Assert.ThrowsAnyAsync<OperationCanceledException>(async () =>
        {
            await foreach (var _ in result.Stream!)
            {
                if (++received == 2)
                {
                    await cancellation.CancelAsync();
                }
            }
        });

        Assert.Equal(2, received);
    }

    [Fact]
    public async Task FailingSource_EndsWithAnErrorResult()
    {
        var result = await new GraphQLExecutor(TestSchema.Build()).ExecuteAsync(new GraphQLRequest { Query = "subscription { failingTicks }" });

        var events = new List<string>();
        await foreach (var item in result.Stream!)
        {
            events.Add(GraphQLJson.Serialize(item));
        }

        Assert.Equal(["""{"data":{"failingTicks":1}}""", """{"errors":[{"message":"Feed lost","extensions":{"code":"FEED_LOST"}}]}"""], events);
    }

    [Fact]
    public async Task InvalidSubscription_FailsBeforeTheStream()
    {
        var result = await new GraphQLExecutor(TestSchema.Build()).ExecuteAsync(new GraphQLRequest { Query = "subscription { ticks }" });

        Assert.Null(result.Stream);
        Assert.Equal(RequestFailure.Validation, result.Failure);
    }
}
