using System.Buffers.Text;
using System.Net.Http.Json;
using System.Security.Cryptography;
using Npgsql;
using TokenOptimizer.Testing;

namespace TokenOptimizer.Access.Tests;

public sealed class StoringKeys(PostgresDatabaseFixture database) : IClassFixture<PostgresDatabaseFixture>, IAsyncLifetime
{
    private AccessHost _host = null!;

    public async Task InitializeAsync() => _host = await AccessHost.StartAsync(database.ConnectionString);

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task OnlyTheHashOfTheSecretIsStored()
    {
        var (keyId, key) = await _host.CreateKeyAsync("read", team: "search");
        var secretText = KeyParts.SecretOf(key);
        var secret = Base64Url.DecodeFromChars(secretText);

        await using var dataSource = NpgsqlDataSource.Create(database.ConnectionString);
        await using var command = dataSource.CreateCommand("SELECT t::text, t.secret_hash FROM api_keys t WHERE key_id = $1");
        command.Parameters.Add(new() { Value = keyId });
        await using var reader = await command.ExecuteReaderAsync();
        Assert.True(await reader.ReadAsync());
        var row = reader.GetString(0);
        var storedHash = await reader.GetFieldValueAsync<byte[]>(1);

        Assert.Equal(SHA256.HashData(secret), storedHash);
        Assert.DoesNotContain(key, row, StringComparison.Ordinal);
        Assert.DoesNotContain(secretText, row, StringComparison.Ordinal);
        // bytea prints as hex: the raw secret must not be there either.
        Assert.DoesNotContain(Convert.ToHexStringLower(secret), row, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Listing_ShowsNoSecret()
    {
        var (keyId, key) = await _host.CreateKeyAsync("ingest", name: "producer");

        var listing = await _host.Admin().GetStringAsync(AccessHost.AdminPath);

        Assert.Contains(keyId, listing, StringComparison.Ordinal);
        Assert.DoesNotContain(key, listing, StringComparison.Ordinal);
        Assert.DoesNotContain(KeyParts.SecretOf(key), listing, StringComparison.Ordinal);
        Assert.DoesNotContain("hash", listing, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task Logs_NeverContainAKey()
    {
        var (keyId, key) = await _host.CreateKeyAsync("read");
        await _host.SendAsync(key, AccessHost.ReadPath);
        await _host.SendAsync(key[..^2] + "AA", AccessHost.ReadPath);
        await _host.Client(key).PostAsJsonAsync(AccessHost.AdminPath, new { name = "x", role = "read" });
        var created = await _host.Store.CreateAsync("direct", Role.Read, null);

        var lines = _host.Logs.Lines;

        Assert.Contains(lines, l => l.Contains(keyId, StringComparison.Ordinal));
        foreach (var secret in new[] { key, created.Plaintext, _host.BootstrapAdminKey })
        {
            Assert.DoesNotContain(lines, l => l.Contains(KeyParts.SecretOf(secret), StringComparison.Ordinal));
        }

        Assert.DoesNotContain(created.Plaintext, created.ToString(), StringComparison.Ordinal);
    }
}
