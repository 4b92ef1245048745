using System.Net;
using System.Net.Http.Headers;
using System.Text;

namespace TokenOptimizer.GraphQL.Tests;

public class ServingOverHttp
{
    private static HttpRequestMessage Post(string body, string accept = "application/graphql-response+json", string contentType = "application/json") =>
        new(HttpMethod.Post, "/graphql")
        {
            Content = new StringContent(body, Encoding.UTF8, contentType),
            Headers = { Accept = { MediaTypeWithQualityHeaderValue.Parse(accept) } },
        };

    private static async Task<(HttpStatusCode Status, string? MediaType, string Body)> SendAsync(HttpRequestMessage request)
    {
        await using var server = await GraphQLServer.StartAsync();
        using var client = server.CreateClient();
        using var response = await client.SendAsync(request);
        return (response.StatusCode, response.Content.Headers.ContentType?.MediaType, await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task PostedQuery_Returns200WithGraphQLResponseJson()
    {
        var (status, mediaType, body) = await SendAsync(Post("""{"query":"query Q($n: String) { hello(name: $n) }","variables":{"n":"Ada"},"operationName":"Q"}"""));

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("application/graphql-response+json", mediaType);
        Assert.Equal("""{"data":{"hello":"Hello, Ada!"}}""", body);
    }

    [Fact]
    public async Task ValidationError_Returns400ForGraphQLResponseJson()
    {
        var (status, _, body) = await SendAsync(Post("""{"query":"{ nope }"}"""));

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Contains("GRAPHQL_VALIDATION_FAILED", body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ValidationError_Returns200ForLegacyJson()
    {
        var (status, mediaType, _) = await SendAsync(Post("""{"query":"{ nope }"}""", accept: "application/json"));

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("application/json", mediaType);
    }

    [Fact]
    public async Task FieldError_StillReturns200()
    {
        var (status, _, body) = await SendAsync(Post("""{"query":"{ boom hello }"}"""));

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Contains("\"hello\":\"Hello, world!\"", body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task GetQuery_IsServed()
    {
        var (status, _, body) = await SendAsync(new HttpRequestMessage(HttpMethod.Get, "/graphql?query=query%20Q(%24n%3AString)%7Bhello(name%3A%24n)%7D&variables=%7B%22n%22%3A%22Bo%22%7D"));

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("""{"data":{"hello":"Hello, Bo!"}}""", body);
    }

    [Fact]
    public async Task GetMutation_Returns405AllowingPost()
    {
        await using var server = await GraphQLServer.StartAsync();
        using var client = server.CreateClient();

        using var response = await client.GetAsync("/graphql?query=mutation%7Bsecond%7D");

        Assert.Equal(HttpStatusCode.MethodNotAllowed, response.StatusCode);
        Assert.Contains("POST", response.Content.Headers.Allow);
    }

    [Theory]
    [InlineData("not json", HttpStatusCode.BadRequest)]
    [InlineData("""{"variables":{}}""", HttpStatusCode.BadRequest)]
    [InlineData("""{"query":"{ hello }","variables":[1]}""", HttpStatusCode.BadRequest)]
    public async Task MalformedRequest_Returns400(string body, HttpStatusCode expected)
    {
        var (status, _, text) = await SendAsync(Post(body));

        Assert.Equal(expected, status);
        Assert.Contains("BAD_REQUEST", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task NonJsonContent_Returns415()
    {
        var (status, _, _) = await SendAsync(Post("{ hello }", contentType: "text/plain"));

        Assert.Equal(HttpStatusCode.UnsupportedMediaType, status);
    }

    [Fact]
    public async Task UnacceptableMediaType_Returns406()
    {
        var (status, _, _) = await SendAsync(Post("""{"query":"{ hello }"}""", accept: "text/html"));

        Assert.Equal(HttpStatusCode.NotAcceptable, status);
    }

    [Fact]
    public async Task SchemaEndpoint_ReturnsSdl()
    {
        var (status, mediaType, body) = await SendAsync(new HttpRequestMessage(HttpMethod.Get, "/graphql/schema.graphql"));

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("text/plain", mediaType);
        Assert.Contains("type Query {", body, StringComparison.Ordinal);
        Assert.Contains("scalar DateTime @specifiedBy(url: \"https://scalars.graphql.org/andimarek/date-time\")", body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SubscriptionWithoutStreamingTransport_Returns400()
    {
        var (status, _, body) = await SendAsync(Post("""{"query":"subscription { ticks(count: 1) }"}"""));

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Contains("OPERATION_NOT_ALLOWED", body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task UserContextFactory_ReachesResolvers()
    {
        var schemaProbe = new Http.GraphQLHttpOptions { UserContextFactory = context => context.Request.Headers["X-Tenant"].ToString() };
        await using var server = await GraphQLServer.StartAsync(schemaProbe);
        using var client = server.CreateClient();
        using var request = Post("""{"query":"{ hello }"}""");
        request.Headers.Add("X-Tenant", "t1");

        using var response = await client.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }
}
