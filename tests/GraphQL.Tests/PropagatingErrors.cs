namespace TokenOptimizer.GraphQL.Tests;

public class PropagatingErrors
{
    [Fact]
    public async Task ResolverError_HasMessageLocationPathAndCode()
    {
        var json = await TestSchema.RunAsync("{\n  hello\n  boom\n}");

        Assert.Equal("""{"errors":[{"message":"Boom!","locations":[{"line":3,"column":3}],"path":["boom"],"extensions":{"code":"BOOM"}}],"data":{"hello":"Hello, world!","boom":null}}""", json);
    }

    [Fact]
    public async Task UnexpectedException_IsMaskedByDefault()
    {
        var json = await TestSchema.RunAsync("{ secret }");

        Assert.Contains("\"message\":\"Unexpected error.\"", json, StringComparison.Ordinal);
        Assert.Contains("INTERNAL_SERVER_ERROR", json, StringComparison.Ordinal);
        Assert.DoesNotContain("hunter2", json, StringComparison.Ordinal);
    }

    [Fact]
    public async Task UnexpectedException_IsShownWhenConfigured()
    {
        var json = await TestSchema.RunAsync("{ secret }", options: new GraphQLOptions { ExposeExceptionMessages = true });

        Assert.Contains("hunter2", json, StringComparison.Ordinal);
    }

    [Fact]
    public async Task NullInNonNullRootField_NullsData()
    {
        var json = await TestSchema.RunAsync("{ hello nonNullBoom }");

        Assert.Equal("""{"errors":[{"message":"Cannot return null for non-nullable field Query.nonNullBoom.","locations":[{"line":1,"column":9}],"path":["nonNullBoom"],"extensions":{"code":"EXECUTION_FAILED"}}],"data":null}""", json);
    }

    [Fact]
    public async Task NullInNonNullListItem_PropagatesToNearestNullableParent()
    {
        var schema = new SchemaBuilder()
            .Object("Query", q => q
                .Field("items", "[Item!]", f => f.Resolve(_ => new object?[] { new Dictionary<string, object?> { ["n"] = 1 }, null }))
                .Field("ok", "Int", f => f.Resolve(_ => 1)))
            .Object("Item", o => o.Field("n", "Int"))
            .Build();

        var json = await TestSchema.RunAsync("{ items { n } ok }", schema: schema);

        Assert.Equal("""{"errors":[{"message":"Cannot return null for non-nullable field Query.items.","locations":[{"line":1,"column":3}],"path":["items",1],"extensions":{"code":"EXECUTION_FAILED"}}],"data":{"items":null,"ok":1}}""", json);
    }

    [Fact]
    public async Task ArgumentCoercionFailureAtRuntime_IsAFieldError()
    {
        // Validation allows a nullable variable where the argument has a default; a null at runtime is then an error.
        var json = await TestSchema.RunAsync("query Q($n: Int) { square(n: $n) ok: square }", new { n = (int?)null });

        Assert.Equal("""{"errors":[{"message":"Argument \"n\" of non-null type \"Int!\" must not be null.","locations":[{"line":1,"column":30}],"path":["square"],"extensions":{"code":"EXECUTION_FAILED"}}],"data":{"square":null,"ok":9}}""", json);
    }
}
