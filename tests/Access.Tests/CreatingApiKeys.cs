using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using TokenOptimizer.Testing;

namespace TokenOptimizer.Access.Tests;

public sealed class CreatingApiKeys(PostgresDatabaseFixture database) : IClassFixture<PostgresDatabaseFixture>, IAsyncLifetime
{
    private static readonly string TooLong = new('x', 101);

    private AccessHost _host = null!;

    public async Task InitializeAsync() => _host = await AccessHost.StartAsync(database.ConnectionString);

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task ValidRequest_Gets201WithThePlaintextOnce()
    {
        var response = await _host.Admin().PostAsJsonAsync(AccessHost.AdminPath, new { name = "dashboard", role = "read", team = "search" });

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.Contains("no-store", response.Headers.CacheControl?.ToString() ?? "", StringComparison.Ordinal);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        var keyId = body.GetProperty("keyId").GetString()!;
        Assert.StartsWith($"tok_{keyId}_", body.GetProperty("key").GetString(), StringComparison.Ordinal);
        Assert.Equal("dashboard", body.GetProperty("name").GetString());
        Assert.Equal("read", body.GetProperty("role").GetString());
        Assert.Equal("search", body.GetProperty("team").GetString());

        var listed = Assert.Single(await ListAsync(), k => k.GetProperty("keyId").GetString() == keyId);
        Assert.False(listed.TryGetProperty("key", out _));
        Assert.Equal(JsonValueKind.Null, listed.GetProperty("revokedAt").ValueKind);
    }

    [Theory]
    [InlineData("""{"role":"read"}""", "name")]
    [InlineData("""{"name":"","role":"read"}""", "name")]
    [InlineData("""{"name":"   ","role":"read"}""", "name")]
    [InlineData("""{"name":"TOO_LONG","role":"read"}""", "name")]
    [InlineData("""{"name":"ci"}""", "role")]
    [InlineData("""{"name":"ci","role":"owner"}""", "role")]
    [InlineData("""{"name":"ci","role":"Read"}""", "role")]
    [InlineData("""{"name":"ci","role":"read","team":""}""", "team")]
    [InlineData("""{"name":"ci","role":"read","team":"TOO_LONG"}""", "team")]
    [InlineData("""{"name":"ci","role":"admin","team":"search"}""", "team")]
    public async Task InvalidRequest_Gets400NamingTheField(string json, string field)
    {
        var before = (await ListAsync()).Count;
        using var content = new StringContent(json.Replace("TOO_LONG", TooLong, StringComparison.Ordinal), Encoding.UTF8, "application/json");

        var response = await _host.Admin().PostAsync(AccessHost.AdminPath, content);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var errors = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors");
        var named = Assert.Single(errors.EnumerateObject());
        Assert.Equal(field, named.Name);
        Assert.Contains($"'{field}'", named.Value[0].GetString(), StringComparison.Ordinal);
        Assert.Equal(before, (await ListAsync()).Count);
    }

    [Fact]
    public async Task InvalidRequestWithoutKey_Gets401NotValidation()
    {
        var response = await _host.Client().PostAsJsonAsync(AccessHost.AdminPath, new { role = "owner" });

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    private async Task<List<JsonElement>> ListAsync() =>
        [.. (await _host.Admin().GetFromJsonAsync<JsonElement>(AccessHost.AdminPath)).EnumerateArray()];
}
