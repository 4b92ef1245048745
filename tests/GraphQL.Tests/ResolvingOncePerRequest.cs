namespace TokenOptimizer.GraphQL.Tests;

/// A field marked <see cref="FieldBuilder.OncePerRequest"/> is resolved once per request for each parent and set of arguments.
public class ResolvingOncePerRequest
{
    private int _calls;

    private Schema Schema(bool failing = false) => new SchemaBuilder()
        .Object("Query", q => q
            .Field("paid", "String", f => f.OncePerRequest().Argument("n", "Int", a => a.DefaultValue(1)).ResolveAsync(async c =>
            {
                Interlocked.Increment(ref _calls);
                await Task.Yield();
                return failing ? throw new GraphQLException("Provider down", "UPSTREAM_UNAVAILABLE") : $"answer {c.Argument<int>("n")}";
            }))
            .Field("free", "String", f => f.Resolve(_ => Interlocked.Increment(ref _calls).ToString(System.Globalization.CultureInfo.InvariantCulture)))
            .Field("items", "[Item!]!", f => f.Resolve(_ => new[] { new Item(1), new Item(2), new Item(3) })))
        .Object("Item", o => o
            .Field("id", "Int!")
            .Field("paid", "String", f => f.OncePerRequest().Resolve(c => $"item {((Item)c.Source!).Id} call {Interlocked.Increment(ref _calls)}")))
        .Build();

    private async Task<string> RunAsync(string query, Schema? schema = null) => await TestSchema.RunAsync(query, schema: schema ?? Schema());

    [Fact]
    public async Task Aliases_ShareOneCall()
    {
        var json = await RunAsync("{ a: paid b: paid c: paid paid }");

        Assert.Equal(1, _calls);
        Assert.Equal("""{"data":{"a":"answer 1","b":"answer 1","c":"answer 1","paid":"answer 1"}}""", json);
    }

    [Fact]
    public async Task DifferentArguments_AreSeparateCalls()
    {
        var json = await RunAsync("{ a: paid(n: 1) b: paid c: paid(n: 2) }");

        Assert.Equal(2, _calls);
        Assert.Equal("""{"data":{"a":"answer 1","b":"answer 1","c":"answer 2"}}""", json);
    }

    [Fact]
    public async Task EachParent_HasItsOwnCall()
    {
        var json = await RunAsync("{ items { a: paid b: paid } }");

        Assert.Equal(3, _calls);
        Assert.Contains("""{"a":"item 2 call""", json, StringComparison.Ordinal);
    }

    [Fact]
    public async Task EachRequest_HasItsOwnCall_AndUnmarkedFieldsAreNotShared()
    {
        var schema = Schema();

        await RunAsync("{ a: paid b: paid }", schema);
        await RunAsync("{ a: paid b: paid }", schema);
        var free = await RunAsync("{ a: free b: free }", schema);

        Assert.Equal(4, _calls);
        Assert.Equal("""{"data":{"a":"3","b":"4"}}""", free);
    }

    [Fact]
    public async Task AFailure_IsEveryAliasAnswer_EachAtItsOwnPath()
    {
        var json = await RunAsync("{ a: paid b: paid }", Schema(failing: true));

        Assert.Equal(1, _calls);
        Assert.Contains("\"path\":[\"a\"]", json, StringComparison.Ordinal);
        Assert.Contains("\"path\":[\"b\"]", json, StringComparison.Ordinal);
        Assert.Contains("\"data\":{\"a\":null,\"b\":null}", json, StringComparison.Ordinal);
    }

    private sealed record Item(int Id);
}
