using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using TokenOptimizer.Testing;

namespace TokenOptimizer.Access.Tests;

public sealed class AuthorizingByRole(PostgresDatabaseFixture database) : IClassFixture<PostgresDatabaseFixture>, IAsyncLifetime
{
    private AccessHost _host = null!;

    public async Task InitializeAsync() => _host = await AccessHost.StartAsync(database.ConnectionString);

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Theory]
    [InlineData("ingest", AccessHost.IngestPath, HttpStatusCode.OK)]
    [InlineData("ingest", AccessHost.ReadPath, HttpStatusCode.Forbidden)]
    [InlineData("ingest", AccessHost.GroupReadPath, HttpStatusCode.Forbidden)]
    [InlineData("ingest", AccessHost.AdminPath, HttpStatusCode.Forbidden)]
    [InlineData("read", AccessHost.ReadPath, HttpStatusCode.OK)]
    [InlineData("read", AccessHost.GroupReadPath, HttpStatusCode.OK)]
    [InlineData("read", AccessHost.IngestPath, HttpStatusCode.Forbidden)]
    [InlineData("read", AccessHost.AdminPath, HttpStatusCode.Forbidden)]
    [InlineData("admin", AccessHost.ReadPath, HttpStatusCode.OK)]
    [InlineData("admin", AccessHost.GroupReadPath, HttpStatusCode.OK)]
    [InlineData("admin", AccessHost.AdminPath, HttpStatusCode.OK)]
    [InlineData("admin", AccessHost.IngestPath, HttpStatusCode.Forbidden)]
    public async Task EachRole_ReachesOnlyWhatItGrants(string role, string path, HttpStatusCode expected)
    {
        var (_, key) = await _host.CreateKeyAsync(role);

        var response = await _host.SendAsync(key, path);

        Assert.Equal(expected, response.StatusCode);
    }

    [Fact]
    public async Task ReadKeyOnAdminEndpoint_Gets403Problem()
    {
        var (_, key) = await _host.CreateKeyAsync("read");

        var response = await _host.Client(key).PostAsJsonAsync(AccessHost.AdminPath, new { name = "escalation", role = "admin" });

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(403, problem.GetProperty("status").GetInt32());
        Assert.DoesNotContain(await _host.Store.ListAsync(), k => k.Name == "escalation");
    }

    [Fact]
    public async Task RouteGroupHandler_GetsTheTeamScope()
    {
        var (keyId, key) = await _host.CreateKeyAsync("read", team: "growth");

        var caller = await _host.Client(key).GetFromJsonAsync<JsonElement>(AccessHost.GroupReadPath);

        Assert.Equal(keyId, caller.GetProperty("keyId").GetString());
        Assert.Equal("growth", caller.GetProperty("team").GetString());
    }
}
