using System.Diagnostics;
using System.Net;
using TokenOptimizer.Testing;

namespace TokenOptimizer.Access.Tests;

/// <summary>A key revoked through one instance stops working on every other within 5 s, however long they cache keys.</summary>
public sealed class RevokingKeysEverywhere(PostgresDatabaseFixture database) : IClassFixture<PostgresDatabaseFixture>
{
    [Fact]
    public async Task KeyRevokedThroughOneInstance_IsRefusedByAnotherWithin5Seconds()
    {
        // Given two instances on one database, the second caching keys for an hour, and a key it has just accepted
        var admin = ApiKeys.Generate();
        await using var revoking = await AccessHost.StartAsync(database.ConnectionString, admin);
        await using var other = await AccessHost.StartAsync(database.ConnectionString, admin, cacheDuration: TimeSpan.FromHours(1));
        var (keyId, key) = await revoking.CreateKeyAsync("read");
        Assert.Equal(HttpStatusCode.OK, (await other.SendAsync(key, AccessHost.ReadPath)).StatusCode);

        // When the first instance revokes it
        var clock = Stopwatch.StartNew();
        Assert.Equal(HttpStatusCode.NoContent, (await revoking.Admin().DeleteAsync($"{AccessHost.AdminPath}/{keyId}")).StatusCode);

        // Then the second refuses it within 5 s
        await Eventually.UntilAsync(async () => (await other.SendAsync(key, AccessHost.ReadPath)).StatusCode == HttpStatusCode.Unauthorized,
            TimeSpan.FromSeconds(5), "the other instance should refuse the revoked key");
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(5), $"refused after {clock.Elapsed}");
    }

    [Fact]
    public void CacheDuration_ByDefault_IsAtMost5Seconds() => Assert.True(new AccessOptions().CacheDuration <= TimeSpan.FromSeconds(5));
}
