namespace TokenOptimizer.GraphQL.Tests;

public class ExecutingQueries
{
    [Fact]
    public async Task FieldsAliasesAndFragments_ShapeTheResponse()
    {
        var json = await TestSchema.RunAsync("{ greeting: hello(name: \"Ada\") ...F post(id: \"p2\") { ... on Post { title } views } } fragment F on Query { old }");

        Assert.Equal("""{"data":{"greeting":"Hello, Ada!","old":"old","post":{"title":"Validation","views":2}}}""", json);
    }

    [Fact]
    public async Task CustomScalars_SerialiseExactly()
    {
        var json = await TestSchema.RunAsync("{ post(id: \"p1\") { price views author { joinedAt } } }");

        Assert.Equal("""{"data":{"post":{"price":"12.3456","views":9000000000,"author":{"joinedAt":"2024-01-02T03:04:05Z"}}}}""", json);
    }

    [Fact]
    public async Task AbstractTypes_ResolveByIsTypeOf()
    {
        var json = await TestSchema.RunAsync("{ search { __typename ... on Post { id } ... on Author { name } } node(id: \"a1\") { id __typename } }");

        Assert.Equal("""{"data":{"search":[{"__typename":"Post","id":"p1"},{"__typename":"Author","name":"Grace"}],"node":{"id":"a1","__typename":"Author"}}}""", json);
    }

    [Theory]
    [InlineData("{ hello @skip(if: true) old }", """{"data":{"old":"old"}}""")]
    [InlineData("{ hello @include(if: false) old }", """{"data":{"old":"old"}}""")]
    [InlineData("{ hello @skip(if: false) @include(if: true) }", """{"data":{"hello":"Hello, world!"}}""")]
    [InlineData("{ ... @skip(if: true) { hello } old }", """{"data":{"old":"old"}}""")]
    public async Task SkipAndInclude_DecideInclusion(string query, string expected) =>
        Assert.Equal(expected, await TestSchema.RunAsync(query));

    [Fact]
    public async Task IndependentAsyncFields_RunConcurrently()
    {
        // Each resolver waits until all ten have started: run one after another, the first would time out.
        var started = 0;
        var allStarted = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var schema = new SchemaBuilder()
            .Object("Query", q => q.Field("wait", "Boolean!", f => f.ResolveAsync(async _ =>
            {
                if (Interlocked.Increment(ref started) == 10)
                {
                    allStarted.SetResult();
                }

                await allStarted.Task.WaitAsync(TimeSpan.FromSeconds(5));
                return true;
            })))
            .Build();
        var fields = string.Join(" ", Enumerable.Range(0, 10).Select(i => $"w{i}: wait"));

        var result = await new GraphQLExecutor(schema).ExecuteAsync(new GraphQLRequest { Query = $"{{ {fields} }}" });

        Assert.Null(result.Errors);
        Assert.Equal(10, result.Data!.Count);
    }

    [Fact]
    public async Task CancelledRequest_StopsExecution()
    {
        var executor = new GraphQLExecutor(TestSchema.Build());
        using var cancellation = new CancellationTokenSource();
        await cancellation.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() =>
            executor.ExecuteAsync(new GraphQLRequest { Query = "{ slow }" }, cancellation.Token));
    }

    [Fact]
    public async Task UserContextAndServices_ReachResolvers()
    {
        var schema = new SchemaBuilder()
            .Object("Query", q => q.Field("who", "String", f => f.Resolve(c => c.UserContext as string)))
            .Build();

        var result = await new GraphQLExecutor(schema).ExecuteAsync(new GraphQLRequest { Query = "{ who }", UserContext = "tenant-7" });

        Assert.Equal("tenant-7", result.Data!["who"]);
    }

    [Fact]
    public async Task OperationName_SelectsTheOperation()
    {
        var result = await new GraphQLExecutor(TestSchema.Build()).ExecuteAsync(new GraphQLRequest
        {
            Query = "query A { hello } query B { old }",
            OperationName = "B",
        });

        Assert.Equal("old", result.Data!["old"]);
    }

    [Fact]
    public async Task AmbiguousOperation_IsARequestError()
    {
        var json = await TestSchema.RunAsync("query A { hello } query B { old }");

        Assert.Equal("""{"errors":[{"message":"Must provide operation name if query contains multiple operations.","extensions":{"code":"BAD_REQUEST"}}]}""", json);
    }

    [Fact]
    public async Task ParsedDocuments_AreCachedByText()
    {
        var executor = new GraphQLExecutor(TestSchema.Build());

        await executor.ExecuteAsync(new GraphQLRequest { Query = "{ hello }" });

        Assert.Same(executor.GetDocument("{ hello }"), executor.GetDocument("{ hello }"));
    }
}
