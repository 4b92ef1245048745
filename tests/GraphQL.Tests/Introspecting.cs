using System.Text.Json;

namespace TokenOptimizer.GraphQL.Tests;

public class Introspecting
{
    private const string TypeQuery = "{ __type(name: \"Post\") { kind name fields(includeDeprecated: true) { name type { kind ofType { name } } } interfaces { name } } }";

    [Fact]
    public async Task TypeQuery_DescribesFieldsAndInterfaces()
    {
        var json = await TestSchema.RunAsync(TypeQuery);

        using var document = JsonDocument.Parse(json);
        var type = document.RootElement.GetProperty("data").GetProperty("__type");
        Assert.Equal("OBJECT", type.GetProperty("kind").GetString());
        Assert.Equal(["id", "title", "price", "views", "author"], type.GetProperty("fields").EnumerateArray().Select(f => f.GetProperty("name").GetString()));
        Assert.Equal("Node", type.GetProperty("interfaces")[0].GetProperty("name").GetString());
    }

    [Fact]
    public async Task StandardIntrospectionQuery_PassesTheDefaultLimits()
    {
        var query = await File.ReadAllTextAsync(Path.Combine(AppContext.BaseDirectory, "IntrospectionQuery.graphql"));

        var result = await new GraphQLExecutor(TestSchema.Build()).ExecuteAsync(new GraphQLRequest { Query = query });

        Assert.Null(result.Errors);
        Assert.NotNull(result.Data!["__schema"]);
    }

    [Fact]
    public async Task DeprecatedFields_AreHiddenUnlessAskedFor()
    {
        var json = await TestSchema.RunAsync("{ __type(name: \"Query\") { a: fields { name } b: fields(includeDeprecated: true) { name isDeprecated deprecationReason } } }");

        Assert.DoesNotContain("{\"name\":\"old\"}", json, StringComparison.Ordinal);
        Assert.Contains("{\"name\":\"old\",\"isDeprecated\":true,\"deprecationReason\":\"Use hello.\"}", json, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SpecifiedByUrl_IsExposed()
    {
        var json = await TestSchema.RunAsync("{ __type(name: \"DateTime\") { specifiedByURL } }");

        Assert.Equal("""{"data":{"__type":{"specifiedByURL":"https://scalars.graphql.org/andimarek/date-time"}}}""", json);
    }

    [Fact]
    public async Task DisabledIntrospection_RejectsSchemaQueries()
    {
        var json = await TestSchema.RunAsync(TypeQuery, options: new GraphQLOptions { EnableIntrospection = false });

        Assert.Contains("\"code\":\"INTROSPECTION_DISABLED\"", json, StringComparison.Ordinal);
        Assert.DoesNotContain("\"data\"", json, StringComparison.Ordinal);
    }

    [Fact]
    public async Task DisabledIntrospection_StillAnswersTypename()
    {
        var json = await TestSchema.RunAsync("{ __typename }", options: new GraphQLOptions { EnableIntrospection = false });

        Assert.Equal("""{"data":{"__typename":"Query"}}""", json);
    }
}
