using System.Diagnostics;
using System.Net.Http.Json;
using System.Text.Json;
using TokenOptimizer.SystemTests.Running;
using TokenOptimizer.Testing;
using Xunit.Abstractions;
using Xunit;

namespace TokenOptimizer.SystemTests.UsingTheCli;

/// <summary>A key revoked through one service stops working on the others within 5 s (they cache keys they accepted).</summary>
[Collection(InTurnCollection.Name)]
public sealed class RevokingKeysAcrossServices(SharedSystem system, ITestOutputHelper output)
{
    [Fact]
    public async Task KeyRevokedThroughIngestion_IsRefusedByQueryWithin5Seconds()
    {
        // Given a read key Query has just accepted (and so cached)
        using var ingestion = new HttpClient { BaseAddress = system.IngestionUrl }.WithApiKey(system.AdminKey);
        var created = await (await ingestion.PostAsJsonAsync("/v1/admin/api-keys", new { name = "revoked soon", role = "read" })).Content.ReadFromJsonAsync<JsonElement>();
        var (keyId, key) = (created.GetProperty("keyId").GetString()!, created.GetProperty("key").GetString()!);
        Assert.Equal(200, (await system.Query.GraphQLAsync(key, "{ viewer { keyId } }")).Status);

        // When an admin revokes it through Ingestion
        var clock = Stopwatch.StartNew();
        (await ingestion.DeleteAsync($"/v1/admin/api-keys/{keyId}")).EnsureSuccessStatusCode();

        // Then Query refuses it within 5 s
        await Eventually.UntilAsync(async () => (await system.Query.GraphQLAsync(key, "{ viewer { keyId } }")).Status == 401,
            TimeSpan.FromSeconds(5), "Query should refuse the revoked key");
        output.WriteLine($"Query refused the key {clock.Elapsed.TotalMilliseconds:0} ms after the revocation was sent");
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(5), $"refused after {clock.Elapsed}");
    }
}
