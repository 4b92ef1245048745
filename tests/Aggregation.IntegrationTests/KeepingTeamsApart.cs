using TokenOptimizer.Aggregation.LoggingRequests;
using TokenOptimizer.EventStore;
using TokenOptimizer.ReadModels;
using TokenOptimizer.Testing;
using TokenOptimizer.UsageLog;
using Xunit;

namespace TokenOptimizer.Aggregation.IntegrationTests;

/// <summary>Two teams' calls may share a request id: each is its own call in every read model, re-priced on its own.</summary>
public sealed class KeepingTeamsApart
{
    [Fact]
    public async Task SameRequestIdInTwoTeams_RepricingOne_LeavesTheOther()
    {
        // Given two teams' calls with the same request id at the same instant, both logged and rolled up
        await using var database = await TestDatabase.CreateAsync();
        var template = TestUsage.Generate(1, seed: 71)[0].Usage with { OutputTokens = 500, ReasoningTokens = 0 };
        var support = TestUsage.Ingested(template with { Team = "support" });
        var billing = TestUsage.Ingested(template with { Team = "billing" });
        await TestUsage.AppendAsync(database.Log, [support, billing]);

        // When the support call is re-priced at half its price
        var cheaper = TestUsage.CostOf(support.Usage, 0.5m);
        await database.Log.AppendAsync(UsageStreams.For(support.Usage), 1, [new UsageRepriced
        {
            RequestId = template.RequestId, OccurredAt = template.OccurredAt, Previous = support.Cost, Current = cheaper, Reason = "test", RepricedAt = template.OccurredAt,
        }]);
        foreach (var projection in new IProjection[] { new UsageLogProjection(), database.Rollups() })
        {
            var daemon = database.Daemon(projection);
            await daemon.CatchUpAsync();
            Assert.Empty(await daemon.ReadErrorsAsync());
        }

        // Then the request log holds both calls, the billing one at its first cost, and so do the team rollups
        Assert.Equal(cheaper.TotalUsd, await CostAsync(database, RequestLogTable.Name, "cost_usd", "support"));
        Assert.Equal(billing.Cost.TotalUsd, await CostAsync(database, RequestLogTable.Name, "cost_usd", "billing"));
        Assert.Equal(cheaper.TotalUsd, await CostAsync(database, "usage_rollup_day", "cost_total_usd", "support"));
        Assert.Equal(billing.Cost.TotalUsd, await CostAsync(database, "usage_rollup_day", "cost_total_usd", "billing"));
    }

    private static Task<decimal> CostAsync(TestDatabase database, string table, string column, string team) =>
        database.ScalarAsync<decimal>($"SELECT sum({column}) FROM {table} WHERE team = '{team}'");
}
