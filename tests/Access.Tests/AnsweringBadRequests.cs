using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using TokenOptimizer.Testing;

namespace TokenOptimizer.Access.Tests;

/// <summary>
/// The HTTP edge every service shares (<c>UseApiKeys</c>): a body that cannot be read, or is larger than its endpoint
/// takes, is answered with a problem like any other refusal, never a 500 or a dropped connection.
/// </summary>
public sealed class AnsweringBadRequests(PostgresDatabaseFixture database) : IClassFixture<PostgresDatabaseFixture>, IAsyncLifetime
{
    private AccessHost _host = null!;

    public async Task InitializeAsync() => _host = await AccessHost.StartAsync(database.ConnectionString);

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Theory]
    [InlineData("{not json")]
    [InlineData("[1, 2]")]
    public async Task MalformedJson_Gets400Problem(string body)
    {
        var response = await _host.Admin().PostAsync(AccessHost.AdminPath, new StringContent(body, Encoding.UTF8, "application/json"));

        var problem = await ProblemAsync(response, HttpStatusCode.BadRequest);
        Assert.Equal("The body is not valid JSON.", problem.GetProperty("title").GetString());
    }

    [Fact]
    public async Task ValueOfTheWrongType_Gets400NamingTheField()
    {
        var response = await _host.Admin().PostAsync(AccessHost.AdminPath, new StringContent("""{"name": 5, "role": "read"}""", Encoding.UTF8, "application/json"));

        var problem = await ProblemAsync(response, HttpStatusCode.BadRequest);
        Assert.Equal(["name"], problem.GetProperty("errors").EnumerateObject().Select(e => e.Name));
    }

    [Fact]
    public async Task NulInAName_Gets400NamingIt_NotA500()
    {
        var response = await _host.Admin().PostAsJsonAsync(AccessHost.AdminPath, new { name = "ci\0bot", role = "read" });

        var problem = await ProblemAsync(response, HttpStatusCode.BadRequest);
        Assert.Contains("control character", problem.GetProperty("errors").GetProperty("name")[0].GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task BodyOverTheDefaultLimit_Gets413SayingIt()
    {
        var response = await _host.Admin().PostAsync(AccessHost.AdminPath, new ByteArrayContent(new byte[2 * 1024 * 1024]));

        var problem = await ProblemAsync(response, HttpStatusCode.RequestEntityTooLarge);
        Assert.Equal(1024 * 1024, problem.GetProperty("maxBodyBytes").GetInt64());
    }

    [Fact]
    public async Task ChunkedBodyOverTheDefaultLimit_Gets413SayingIt()
    {
        var json = "{\"name\": \"" + new string('x', 2 * 1024 * 1024) + "\", \"role\": \"read\"}";
        using var content = new StreamContent(new UnknownLength(Encoding.UTF8.GetBytes(json)));
        content.Headers.ContentType = new("application/json");

        var response = await _host.Admin().PostAsync(AccessHost.AdminPath, content);

        var problem = await ProblemAsync(response, HttpStatusCode.RequestEntityTooLarge);
        Assert.Equal(1024 * 1024, problem.GetProperty("maxBodyBytes").GetInt64());
    }

    private static async Task<JsonElement> ProblemAsync(HttpResponseMessage response, HttpStatusCode status)
    {
        Assert.Equal(status, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    /// <summary>A stream that hides its length, so the body is sent without Content-Length.</summary>
    private sealed class UnknownLength(byte[] bytes) : MemoryStream(bytes)
    {
        public override bool CanSeek => false;
    }
}
