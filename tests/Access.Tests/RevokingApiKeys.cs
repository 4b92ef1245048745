using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using Npgsql;
using TokenOptimizer.Testing;

namespace TokenOptimizer.Access.Tests;

public sealed class RevokingApiKeys(PostgresDatabaseFixture database) : IClassFixture<PostgresDatabaseFixture>, IAsyncLifetime
{
    private AccessHost _host = null!;

    public async Task InitializeAsync() => _host = await AccessHost.StartAsync(database.ConnectionString);

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task RevokedKey_IsRefusedAtOnce_OnTheRevokingInstance()
    {
        var (keyId, key) = await _host.CreateKeyAsync("read");
        Assert.Equal(HttpStatusCode.OK, (await _host.SendAsync(key, AccessHost.ReadPath)).StatusCode);

        var revoke = await _host.Admin().DeleteAsync($"{AccessHost.AdminPath}/{keyId}");

        Assert.Equal(HttpStatusCode.NoContent, revoke.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await _host.SendAsync(key, AccessHost.ReadPath)).StatusCode);
        var listed = (await _host.Admin().GetFromJsonAsync<JsonElement>(AccessHost.AdminPath)).EnumerateArray()
            .Single(k => k.GetProperty("keyId").GetString() == keyId);
        Assert.Equal(JsonValueKind.String, listed.GetProperty("revokedAt").ValueKind);
    }

    [Fact]
    public async Task UnknownKey_Gets404()
    {
        var response = await _host.Admin().DeleteAsync($"{AccessHost.AdminPath}/000000000000");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task RevokingTwice_KeepsTheFirstRevocationTime()
    {
        var created = await _host.Store.CreateAsync("twice", Role.Read, null);
        Assert.True(await _host.Store.RevokeAsync(created.Key.KeyId));
        var first = (await _host.Store.ListAsync()).Single(k => k.KeyId == created.Key.KeyId).RevokedAt;

        Assert.True(await _host.Store.RevokeAsync(created.Key.KeyId));

        Assert.NotNull(first);
        Assert.Equal(first, (await _host.Store.ListAsync()).Single(k => k.KeyId == created.Key.KeyId).RevokedAt);
    }

    [Fact]
    public async Task OtherInstance_RefusesTheKeyOnceItsCacheExpires()
    {
        // Given two instances of a service, each with a store, sharing the database
        var time = new FakeTimeProvider();
        await using var dataSource = NpgsqlDataSource.Create(database.ConnectionString);
        await ApiKeyStore.EnsureSchemaAsync(dataSource);
        var revoking = NewStore(dataSource, time);
        var other = NewStore(dataSource, time);
        var created = await revoking.CreateAsync("shared", Role.Read, "search");
        Assert.NotNull(await other.AuthenticateAsync(created.Plaintext));

        // When one revokes the key
        Assert.True(await revoking.RevokeAsync(created.Key.KeyId));

        // Then it is refused there at once; the other still has it cached, but only for the cache duration
        Assert.Null(await revoking.AuthenticateAsync(created.Plaintext));
        Assert.NotNull(await other.AuthenticateAsync(created.Plaintext));
        time.Advance(new AccessOptions().CacheDuration);
        Assert.Null(await other.AuthenticateAsync(created.Plaintext));
    }

    private static ApiKeyStore NewStore(NpgsqlDataSource dataSource, TimeProvider time) =>
        new(dataSource, Options.Create(new AccessOptions()), time, NullLogger<ApiKeyStore>.Instance);
}
