using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Logging;
using TokenOptimizer.GraphQL.Http;

namespace TokenOptimizer.GraphQL.Conformance;

/// <summary>Starts a real Kestrel server and lets the npm clients (graphql-ws, graphql-sse, fetch) talk to it once.</summary>
public sealed class RealClientSession : IAsyncLifetime
{
    private WebApplication? _app;

    internal JsonNode Seen { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        var builder = WebApplication.CreateBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        _app = builder.Build();
        _app.UseWebSockets();
        _app.MapGraphQL("/graphql", new GraphQLExecutor(OurEngine.Schema), new GraphQLHttpOptions
        {
            UserContextFactory = _ => new ConformanceSchema.MutationState(),
        });
        await _app.StartAsync();
        var url = _app.Urls.First() + "/graphql";
        var output = await Task.Run(() => ReferenceImplementation.RunNode($"clients.cjs {url}"));
        Seen = JsonNode.Parse(output)!;
    }

    public async Task DisposeAsync()
    {
        if (_app is not null)
        {
            await _app.DisposeAsync();
        }
    }
}

/// <summary>The clients the issue names work unchanged: Apollo/urql over HTTP and graphql-ws, codegen/GraphiQL via introspection.</summary>
public class RealClients(RealClientSession session) : IClassFixture<RealClientSession>
{
    [Fact]
    public void ApolloStylePost_GetsGraphQLResponseJson()
    {
        var apollo = session.Seen["apollo"]!;

        Assert.Equal(200, apollo["status"]!.GetValue<int>());
        Assert.StartsWith("application/graphql-response+json", apollo["contentType"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal("""{"data":{"hello":"Hello, Apollo!"}}""", apollo["body"]!.ToJsonString());
    }

    [Fact]
    public void UrqlStyleGet_IsServed() =>
        Assert.Equal("""{"data":{"numbers":[1,2,3]}}""", session.Seen["urql"]!["body"]!.ToJsonString());

    [Fact]
    public void IntrospectionResult_RebuildsTheSameSchemaInGraphQLJs() =>
        Assert.Equal(ReferenceImplementation.Sdl, session.Seen["sdlFromIntrospection"]!.GetValue<string>());

    [Fact]
    public void GraphQLWsClient_ReceivesEveryEvent() =>
        Assert.Equal("""[{"data":{"counter":1}},{"data":{"counter":2}},{"data":{"counter":3}}]""", session.Seen["wsSubscription"]!.ToJsonString());

    [Fact]
    public void GraphQLWsClient_RunsQueries() =>
        Assert.Equal("""[{"data":{"hello":"Hello, world!"}}]""", session.Seen["wsQuery"]!.ToJsonString());

    [Fact]
    public void GraphQLWsClient_SeesValidationErrors() =>
        Assert.Equal("""Cannot query field "nope" on type "Query". Did you mean "node"?""", session.Seen["wsError"]!["rejected"]![0]!.GetValue<string>());

    [Fact]
    public void GraphQLSseClient_ReceivesEveryEvent() =>
        Assert.Equal("""[{"data":{"counter":1}},{"data":{"counter":2}}]""", session.Seen["sseSubscription"]!.ToJsonString());
}
