using TokenOptimizer.Access;
using TokenOptimizer.ReadModels;
using TokenOptimizer.Testing;
using Xunit;

namespace TokenOptimizer.Query.IntegrationTests;

/// <summary><c>rebuildProjection</c>: an admin builds every read model again from the first event; the figures come back the same.</summary>
public sealed class RebuildingProjections(QueryHost host) : IClassFixture<QueryHost>
{
    private const string Overview = "query($filter: UsageFilter) { overview(filter: $filter) { requests totalCostUsd inputTokens } }";

    // Every generated call (they start at TestUsage.Start) and more.
    private static readonly object Everything = new { filter = new { from = TestUsage.Start.AddDays(-1), to = TestUsage.Start.AddDays(60) } };
    private const string Rebuild = """mutation { rebuildProjection(projection: "usage_log") { projection checkpoint } }""";

    [Fact]
    public async Task AnAdminsRebuild_EndsAtTheLastEvent_WithTheSameFigures_AndAReaderMayNot()
    {
        // Given calls the read models have applied
        await host.FeedOnceAsync(() => TestUsage.Generate(300, seed: 131));
        var before = (await host.DataAsync(host.AdminKey, Overview, Everything)).GetProperty("overview").GetRawText();
        var readKey = await host.CreateKeyAsync(Role.Read);

        // When a reader, then an admin, asks for a rebuild
        var (_, refused) = await host.GraphQLAsync(readKey, Rebuild);
        var rebuilt = (await host.DataAsync(host.AdminKey, Rebuild)).GetProperty("rebuildProjection");

        // Then only the admin's runs; it ends at the log's last event, and every figure is as it was
        Assert.Equal("FORBIDDEN", refused.GetProperty("errors")[0].GetProperty("extensions").GetProperty("code").GetString());
        Assert.Equal("usage_log", rebuilt.GetProperty("projection").GetString());
        await using var last = host.DataSource.CreateCommand($"SELECT max(seq_id) FROM {UsageLog.EventStoreTables.Events}");
        Assert.Equal((long)(await last.ExecuteScalarAsync())!, rebuilt.GetProperty("checkpoint").GetInt64());
        Assert.Equal(300, (await host.DataAsync(host.AdminKey, Overview, Everything)).GetProperty("overview").GetProperty("requests").GetInt64());
        Assert.Equal(before, (await host.DataAsync(host.AdminKey, Overview, Everything)).GetProperty("overview").GetRawText());
    }
}
