using System.Globalization;
using System.Text.Json;
using TokenOptimizer.Access;
using TokenOptimizer.Testing;
using TokenOptimizer.UsageLog;
using Xunit;

namespace TokenOptimizer.Query.IntegrationTests;

/// <summary>Who may ask what: keys, roles, and a team scope that no query, filter or mutation can get around.</summary>
public sealed class GuardingAccess(QueryHost host) : IClassFixture<QueryHost>, IAsyncLifetime
{
    private static readonly List<UsageIngested> Records =
        TestUsage.Generate(1_500, seed: 21, from: DateTimeOffset.UtcNow.AddHours(-20), span: TimeSpan.FromHours(19));

    public Task InitializeAsync() => host.FeedOnceAsync(() => Records);

    public Task DisposeAsync() => Task.CompletedTask;

    private string BusiestTeam => Records.GroupBy(r => r.Usage.Team ?? "").OrderByDescending(g => g.Count()).First().Key;

    private static decimal Money(JsonElement element) => decimal.Parse(element.GetString()!, CultureInfo.InvariantCulture);

    [Fact]
    public async Task MissingOrWrongKey_Gets401_AndAnIngestKey403()
    {
        var ingest = await host.CreateKeyAsync(Role.Ingest);
        Assert.Equal(401, (await host.GraphQLAsync(null, "{ overview { requests } }")).Status);
        Assert.Equal(401, (await host.GraphQLAsync(ApiKeys.Generate(), "{ overview { requests } }")).Status);
        Assert.Equal(403, (await host.GraphQLAsync(ingest, "{ overview { requests } }")).Status);
    }

    [Fact]
    public async Task TeamScopedKey_SeesOnlyItsTeam_WhateverItAsksFor()
    {
        var team = BusiestTeam;
        var other = Records.Select(r => r.Usage.Team ?? "").First(t => t != team);
        var key = await host.CreateKeyAsync(Role.Read, team);
        var own = Records.Where(r => (r.Usage.Team ?? "") == team).ToList();

        // Its overview is its team's, whatever teams it names; naming only another team gives nothing
        foreach (var teams in new[] { null, new[] { team, other }, new[] { other } })
        {
            var data = await host.DataAsync(key, "query($f: UsageFilter) { overview(filter: $f) { requests totalCostUsd } }",
                new { f = new { range = "LAST_24_HOURS", teams } });
            var expected = teams is [var only] && only == other ? [] : own;
            Assert.Equal(expected.Count, data.GetProperty("overview").GetProperty("requests").GetInt64());
            Assert.Equal(expected.Where(r => r.Cost.Priced).Sum(r => r.Cost.TotalUsd), Money(data.GetProperty("overview").GetProperty("totalCostUsd")));
        }

        // A split by team shows its team alone; a split by model covers only its team's calls
        var byTeam = await host.DataAsync(key, "{ costBreakdown(by: TEAM) { key } }");
        Assert.Equal([team], byTeam.GetProperty("costBreakdown").EnumerateArray().Select(r => r.GetProperty("key").GetString()));
        var byModel = await host.DataAsync(key, "{ costBreakdown(by: MODEL) { requests } }");
        Assert.Equal(own.Count, byModel.GetProperty("costBreakdown").EnumerateArray().Sum(r => r.GetProperty("requests").GetInt64()));

        // And the unscoped answer for the same query is cached apart: it still sees every team
        var all = await host.DataAsync(host.AdminKey, "{ overview { requests } }");
        Assert.Equal(Records.Count, all.GetProperty("overview").GetProperty("requests").GetInt64());
    }

    [Fact]
    public async Task AdminMutation_ByAReadKey_IsRefused_AndChangesNothing()
    {
        var read = await host.CreateKeyAsync(Role.Read);
        const string Define = """
            mutation { defineBudget(budget: {name: "Refused", scopeKind: "organization", amountUsd: "100", period: "month"}) { budgetId } }
            """;

        var (status, body) = await host.GraphQLAsync(read, Define);

        Assert.Equal(200, status);
        Assert.Equal("FORBIDDEN", body.GetProperty("errors")[0].GetProperty("extensions").GetProperty("code").GetString());
        await using var count = host.DataSource.CreateCommand($"SELECT count(*) FROM {EventStoreTables.Events} WHERE type = 'budget_defined'");
        Assert.Equal(0L, (long)(await count.ExecuteScalarAsync())!);

        // While an admin key defines it, through the Aggregation service that owns budgets
        var admin = await host.DataAsync(host.AdminKey, Define.Replace("Refused", "Allowed", StringComparison.Ordinal));
        Assert.Equal(12, admin.GetProperty("defineBudget").GetProperty("budgetId").GetString()!.Length);
    }

    [Fact]
    public async Task Introspection_NeedsAKey_AndShowsTypesNotData()
    {
        Assert.Equal(401, (await host.GraphQLAsync(null, "{ __schema { queryType { name } } }")).Status);
        var data = await host.DataAsync(await host.CreateKeyAsync(Role.Read, "nobody"), "{ __type(name: \"Overview\") { fields { name } } }");
        Assert.Contains(data.GetProperty("__type").GetProperty("fields").EnumerateArray(), f => f.GetProperty("name").GetString() == "totalCostUsd");
    }
}
