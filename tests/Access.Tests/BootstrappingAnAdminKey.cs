using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.Options;
using TokenOptimizer.Testing;

namespace TokenOptimizer.Access.Tests;

public sealed class BootstrappingAnAdminKey(PostgresDatabaseFixture database) : IClassFixture<PostgresDatabaseFixture>, IAsyncLifetime
{
    private const string Base64UrlAlphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

    private AccessHost _host = null!;

    public async Task InitializeAsync() => _host = await AccessHost.StartAsync(database.ConnectionString);

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task ConfiguredKey_IsAnUnscopedAdminThatIsNotStored()
    {
        var admin = await _host.SendAsync(_host.BootstrapAdminKey, AccessHost.AdminPath);
        var caller = await _host.Client(_host.BootstrapAdminKey).GetFromJsonAsync<JsonElement>(AccessHost.ReadPath);

        Assert.Equal(HttpStatusCode.OK, admin.StatusCode);
        Assert.Equal("admin", caller.GetProperty("role").GetString());
        Assert.Equal(JsonValueKind.Null, caller.GetProperty("team").ValueKind);
        Assert.Equal(KeyParts.KeyIdOf(_host.BootstrapAdminKey), caller.GetProperty("keyId").GetString());
        Assert.DoesNotContain(await _host.Store.ListAsync(), k => k.KeyId == KeyParts.KeyIdOf(_host.BootstrapAdminKey));
    }

    [Theory]
    [InlineData("first secret character")]
    [InlineData("last secret character")]
    [InlineData("same bytes, other spelling")]
    [InlineData("key id")]
    [InlineData("extra character")]
    [InlineData("missing character")]
    [InlineData("other secret")]
    public async Task NearMiss_Gets401(string change)
    {
        var key = _host.BootstrapAdminKey;
        var nearMiss = change switch
        {
            "first secret character" => Replace(key, key.Length - 43, Next(key[^43])),
            "last secret character" => Replace(key, key.Length - 1, Next(Next(key[^1]))),
            // The last character holds 2 unused bits: a lenient decoder would read the same secret from this spelling.
            "same bytes, other spelling" => Replace(key, key.Length - 1, Base64UrlAlphabet[Base64UrlAlphabet.IndexOf(key[^1], StringComparison.Ordinal) ^ 1]),
            "key id" => Replace(key, 4, key[4] == 'a' ? 'b' : 'a'),
            "extra character" => key + "A",
            "missing character" => key[..^1],
            "other secret" => KeyParts.WithSecretOf(key, ApiKeys.Generate()),
            _ => throw new ArgumentOutOfRangeException(nameof(change), change, null),
        };
        Assert.NotEqual(key, nearMiss);

        var response = await _host.SendAsync(nearMiss, AccessHost.AdminPath);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task MalformedConfiguredKey_StopsStartWithoutEchoingIt()
    {
        var typo = ApiKeys.Generate()[..^1];

        var failure = await Assert.ThrowsAsync<OptionsValidationException>(() => AccessHost.StartAsync(database.ConnectionString, typo));

        Assert.Contains("BootstrapAdminKey", failure.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(KeyParts.SecretOf(typo), failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Generate_MakesDistinctWellFormedKeys()
    {
        var first = ApiKeys.Generate();
        var second = ApiKeys.Generate();

        Assert.Matches("^tok_[0-9a-f]{12}_[A-Za-z0-9_-]{43}$", first);
        Assert.NotEqual(KeyParts.KeyIdOf(first), KeyParts.KeyIdOf(second));
        Assert.NotEqual(KeyParts.SecretOf(first), KeyParts.SecretOf(second));
    }

    private static char Next(char c) => Base64UrlAlphabet[(Base64UrlAlphabet.IndexOf(c, StringComparison.Ordinal) + 1) % Base64UrlAlphabet.Length];

    private static string Replace(string s, int index, char c) => string.Concat(s.AsSpan(0, index), c.ToString(), s.AsSpan(index + 1));
}
