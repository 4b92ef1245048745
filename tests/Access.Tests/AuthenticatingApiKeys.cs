using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using TokenOptimizer.Testing;

namespace TokenOptimizer.Access.Tests;

public sealed class AuthenticatingApiKeys(PostgresDatabaseFixture database) : IClassFixture<PostgresDatabaseFixture>, IAsyncLifetime
{
    private AccessHost _host = null!;

    public async Task InitializeAsync() => _host = await AccessHost.StartAsync(database.ConnectionString);

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task CreatedKey_AuthenticatesWithItsRoleAndTeam()
    {
        var (keyId, key) = await _host.CreateKeyAsync("read", team: "search");

        var response = await _host.SendAsync(key, AccessHost.ReadPath);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var caller = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(keyId, caller.GetProperty("keyId").GetString());
        Assert.Equal("read", caller.GetProperty("role").GetString());
        Assert.Equal("search", caller.GetProperty("team").GetString());
    }

    [Fact]
    public async Task StoreAuthenticate_ReturnsThePrincipal()
    {
        var created = await _host.Store.CreateAsync("producer", Role.Ingest, "payments");

        var principal = await _host.Store.AuthenticateAsync(created.Plaintext);

        Assert.Equal(new ApiKeyPrincipal(created.Key.KeyId, Role.Ingest, "payments"), principal);
        Assert.False(principal!.IsUnscoped);
    }

    [Fact]
    public async Task XApiKeyHeader_AuthenticatesLikeBearer()
    {
        var (keyId, key) = await _host.CreateKeyAsync("read");
        using var request = new HttpRequestMessage(HttpMethod.Get, AccessHost.ReadPath);
        request.Headers.Add("X-Api-Key", key);

        var response = await _host.Client().SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var caller = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(keyId, caller.GetProperty("keyId").GetString());
        Assert.Equal(JsonValueKind.Null, caller.GetProperty("team").ValueKind);
    }

    [Theory]
    [InlineData("missing")]
    [InlineData("wrong secret")]
    [InlineData("unknown id")]
    [InlineData("revoked")]
    [InlineData("truncated")]
    [InlineData("upper-case prefix")]
    [InlineData("not a key")]
    public async Task RefusedKey_Gets401ProblemWithBearerChallenge(string kind)
    {
        var presented = await PresentAsync(kind);

        var response = await _host.SendAsync(presented, AccessHost.ReadPath);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Contains(response.Headers.WwwAuthenticate, h => h.Scheme == "Bearer");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(401, problem.GetProperty("status").GetInt32());
        Assert.Equal("A valid API key is required.", problem.GetProperty("title").GetString());
    }

    [Fact]
    public async Task WrongSecretAndUnknownId_AreRefusedAlike()
    {
        var wrongSecret = await _host.SendAsync(await PresentAsync("wrong secret"), AccessHost.ReadPath);
        var unknownId = await _host.SendAsync(await PresentAsync("unknown id"), AccessHost.ReadPath);

        Assert.Equal(await ProblemTextAsync(unknownId), await ProblemTextAsync(wrongSecret));
        Assert.Equal(unknownId.Headers.WwwAuthenticate.ToString(), wrongSecret.Headers.WwwAuthenticate.ToString());
    }

    [Fact]
    public async Task OtherAuthorizationScheme_Gets401()
    {
        var (_, key) = await _host.CreateKeyAsync("read");
        using var request = new HttpRequestMessage(HttpMethod.Get, AccessHost.ReadPath);
        request.Headers.TryAddWithoutValidation("Authorization", "Basic " + key);

        var response = await _host.Client().SendAsync(request);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    private async Task<string?> PresentAsync(string kind)
    {
        switch (kind)
        {
            case "missing":
                return null;
            case "unknown id":
                return ApiKeys.Generate();
            case "not a key":
                return "let-me-in";
        }

        var (keyId, key) = await _host.CreateKeyAsync("read");
        return kind switch
        {
            // Same public id, another key's secret.
            "wrong secret" => KeyParts.WithSecretOf(key, ApiKeys.Generate()),
            "revoked" => await _host.Store.RevokeAsync(keyId) ? key : throw new InvalidOperationException("The key was not stored."),
            "truncated" => key[..^1],
            "upper-case prefix" => "TOK_" + key[ApiKeys.Prefix.Length..],
            _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, null),
        };
    }

    // What a caller can compare between two refusals: everything but the per-request trace id.
    private static async Task<string> ProblemTextAsync(HttpResponseMessage response)
    {
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        return $"{(int)response.StatusCode} {problem.GetProperty("type")} {problem.GetProperty("title")} {problem.GetProperty("detail")}";
    }
}
