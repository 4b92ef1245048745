using System.Globalization;
using System.Net;
using TokenOptimizer.Contracts;
using TokenOptimizer.Testing;
using TokenOptimizer.UsageLog;
using Xunit;
using static TokenOptimizer.Testing.ExportRequests;

namespace TokenOptimizer.Query.IntegrationTests;

/// <summary>
/// Spend per API key id and per end user, through GraphQL (<c>costBreakdown(by: API_KEY / USER)</c>, the
/// <c>apiKeyIds</c>/<c>userIds</c> filters) and the cost-breakdown CSV, equals the records fed, in hand-computed dollars.
/// </summary>
public sealed class SpendingPerKeyAndUser(QueryHost host) : IClassFixture<QueryHost>, IAsyncLifetime
{
    // Two days back, whole UTC days: the caller rollup keeps users and keys per day.
    private static readonly DateTimeOffset Day = new(DateTimeOffset.UtcNow.UtcDateTime.Date.AddDays(-2), TimeSpan.Zero);

    // TestUsage prices a call at $2.50 per million input tokens and $10 per million output tokens:
    //   key-a, alice:   1,000 in +   500 out = $0.0025 + $0.005 = $0.0075
    //   key-a, bob:     2,000 in + 1,000 out = $0.005  + $0.01  = $0.015
    //   key-b, alice:   4,000 in +     0 out = $0.01
    //   key-b, no user:   400 in +   100 out = $0.001  + $0.001 = $0.002
    //   no key, carol: 10,000 in + 2,000 out = $0.025  + $0.02  = $0.045
    private static readonly UsageIngested[] Records =
    [
        Call("key-a", "alice", 1_000, 500, Day.AddHours(1)), Call("key-a", "bob", 2_000, 1_000, Day.AddHours(2)),
        Call("key-b", "alice", 4_000, 0, Day.AddHours(3)), Call("key-b", null, 400, 100, Day.AddHours(4)), Call(null, "carol", 10_000, 2_000, Day.AddHours(5)),
    ];

    public Task InitializeAsync() => host.FeedOnceAsync(() => Records);

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task BreakdownByApiKey_EqualsEachKeysRecords()
    {
        // key-a: $0.0075 + $0.015 = $0.0225; key-b: $0.01 + $0.002 = $0.012; no key: $0.045
        Assert.Equal(new Dictionary<string, decimal> { ["key-a"] = 0.0225m, ["key-b"] = 0.012m, [""] = 0.045m }, await BreakdownAsync("API_KEY", new { from = Day, to = Day.AddDays(1) }));
    }

    [Fact]
    public async Task BreakdownByUser_EqualsEachUsersRecords()
    {
        // alice: $0.0075 + $0.01 = $0.0175; bob: $0.015; carol: $0.045; no user: $0.002
        Assert.Equal(
            new Dictionary<string, decimal> { ["alice"] = 0.0175m, ["bob"] = 0.015m, ["carol"] = 0.045m, [""] = 0.002m },
            await BreakdownAsync("USER", new { from = Day, to = Day.AddDays(1) }));
    }

    [Fact]
    public async Task CallerFilters_KeepOnlyTheirCalls_InAnySplit()
    {
        // key-a's users: alice $0.0075, bob $0.015; alice's keys: key-a $0.0075, key-b $0.01; alice's models: $0.0175
        Assert.Equal(new Dictionary<string, decimal> { ["alice"] = 0.0075m, ["bob"] = 0.015m }, await BreakdownAsync("USER", new { from = Day, to = Day.AddDays(1), apiKeyIds = new[] { "key-a" } }));
        Assert.Equal(new Dictionary<string, decimal> { ["key-a"] = 0.0075m, ["key-b"] = 0.01m }, await BreakdownAsync("API_KEY", new { from = Day, to = Day.AddDays(1), userIds = new[] { "alice" } }));
        Assert.Equal(new Dictionary<string, decimal> { ["gpt-4o"] = 0.0175m }, await BreakdownAsync("MODEL", new { from = Day, to = Day.AddDays(1), userIds = new[] { "alice" } }));
    }

    [Fact]
    public async Task CostBreakdownCsv_ByKeyAndByUser_EqualsTheRecords()
    {
        var range = $"from={Iso(Day)}&to={Iso(Day.AddDays(1))}";

        // As the GraphQL breakdowns above: per key, and per key of alice's calls only
        Assert.Equal(new Dictionary<string, decimal> { ["key-a"] = 0.0225m, ["key-b"] = 0.012m, [""] = 0.045m }, await CsvAsync($"by=api_key&{range}", "api_key"));
        Assert.Equal(new Dictionary<string, decimal> { ["key-a"] = 0.0075m, ["key-b"] = 0.01m }, await CsvAsync($"by=api_key&{range}&userIds=alice", "api_key"));
        Assert.Equal(new Dictionary<string, decimal> { ["alice"] = 0.0175m, ["bob"] = 0.015m, ["carol"] = 0.045m, [""] = 0.002m }, await CsvAsync($"by=user&{range}", "user"));
    }

    [Fact]
    public async Task UsageLogAndUsageCsv_FilteredByKey_HoldThatKeysCalls()
    {
        // key-b's calls: alice's $0.01 and the anonymous $0.002, $0.012 in all
        var log = await host.DataAsync(host.AdminKey, """
            query($filter: UsageFilter) { usageLog(filter: $filter, first: 10) { edges { node { userId apiKeyId costUsd } } } }
            """, new { filter = new { from = Day, to = Day.AddDays(1), apiKeyIds = new[] { "key-b" } } });
        var nodes = log.GetProperty("usageLog").GetProperty("edges").EnumerateArray().Select(e => e.GetProperty("node")).ToList();
        Assert.Equal(["", "alice"], nodes.Select(n => n.GetProperty("userId").GetString()).Order(StringComparer.Ordinal));
        Assert.All(nodes, n => Assert.Equal("key-b", n.GetProperty("apiKeyId").GetString()));
        Assert.Equal(0.012m, nodes.Sum(n => AnsweringFromTheReadModels.Money(n.GetProperty("costUsd"))));

        using var export = await host.Http.ExportAsync(host.AdminKey, $"/export/usage.csv?from={Iso(Day)}&to={Iso(Day.AddDays(1))}&apiKeyIds=key-b");
        var rows = CsvFile.Rows(await export.Content.ReadAsStringAsync());
        Assert.Equal(["", "alice"], rows.Select(r => r["user_id"]).Order(StringComparer.Ordinal));
        Assert.All(rows, r => Assert.Equal("key-b", r["api_key_id"]));
        Assert.Equal(0.012m, rows.Sum(r => decimal.Parse(r["cost_usd"], CultureInfo.InvariantCulture)));
    }

    [Fact]
    public async Task BudgetOnAUser_EndsWhenTheUserIsErased_AndNoStoredEventNamesTheUser()
    {
        // Given a budget on a user of today, who spent 1,000 in + 500 out = $0.0075
        var user = UniqueNames.Next("budgeted");
        var defined = await host.DataAsync(host.AdminKey, "mutation($b: BudgetInput!) { defineBudget(budget: $b) { budgetId } }",
            new { b = new { name = "One user", scopeKind = "user", scopeValue = user, amountUsd = "1", period = "month" } });
        var budgetId = defined.GetProperty("defineBudget").GetProperty("budgetId").GetString()!;
        await host.FeedAsync([Call("key-a", user, 1_000, 500, DateTimeOffset.UtcNow)]);
        await Eventually.UntilAsync(async () => await BudgetSpentAsync(budgetId) == 0.0075m, TimeSpan.FromSeconds(60), "the user's call should count in the budget");

        // When an admin erases the user
        await host.DataAsync(host.AdminKey, "mutation($u: String!) { eraseUser(userId: $u) { erasureId } }", new { u = user });

        // Then the budget ends, and neither its stored events nor the user's call name the user any more
        await Eventually.UntilAsync(async () => await BudgetSpentAsync(budgetId) is null, TimeSpan.FromSeconds(60), "the budget should end with its user");
        await using var events = host.DataSource.CreateCommand($"SELECT count(*) FROM {EventStoreTables.Events} WHERE strpos(data::text, $1) > 0");
        events.Parameters.Add(new Npgsql.NpgsqlParameter { Value = user });
        Assert.Equal(0L, (long)(await events.ExecuteScalarAsync())!);
    }

    [Fact]
    public async Task CallerFilter_WhereCallersAreNotKept_IsRefusedNamingTheField()
    {
        var (status, body) = await host.GraphQLAsync(host.AdminKey, """{ overview(filter: {range: LAST_7_DAYS, userIds: ["alice"]}) { requests } }""");

        Assert.Equal(200, status);
        var error = body.GetProperty("errors")[0];
        Assert.Contains("filter.userIds", error.GetProperty("message").GetString(), StringComparison.Ordinal);
        Assert.Equal("BAD_USER_INPUT", error.GetProperty("extensions").GetProperty("code").GetString());

        using var export = await host.Http.ExportAsync(host.AdminKey, "/export/focus.csv?range=LAST_7_DAYS&apiKeyIds=key-a");
        Assert.Equal(HttpStatusCode.BadRequest, export.StatusCode);
        Assert.Contains("apiKeyIds", await export.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    private static UsageIngested Call(string? apiKeyId, string? userId, int inputTokens, int outputTokens, DateTimeOffset at) => TestUsage.Ingested(new UsageRecorded
    {
        RequestId = Guid.NewGuid().ToString("N"), OccurredAt = at, Provider = "openai", Model = "gpt-4o", Feature = "chat",
        Team = "growth", Environment = "production", UserId = userId, ApiKeyId = apiKeyId, InputTokens = inputTokens, OutputTokens = outputTokens,
        LatencyMs = 300, Outcome = Outcomes.Succeeded,
    });

    // The budget's spend, or null once it is no longer listed.
    private async Task<decimal?> BudgetSpentAsync(string budgetId) =>
        (await host.DataAsync(host.AdminKey, "{ budgets { budgetId spentUsd } }")).GetProperty("budgets").EnumerateArray()
            .Where(b => b.GetProperty("budgetId").GetString() == budgetId).Select(b => (decimal?)AnsweringFromTheReadModels.Money(b.GetProperty("spentUsd"))).SingleOrDefault();

    private async Task<Dictionary<string, decimal>> BreakdownAsync(string by, object filter) =>
        (await host.DataAsync(host.AdminKey, $"query($filter: UsageFilter) {{ costBreakdown(by: {by}, filter: $filter) {{ key costUsd }} }}", new { filter }))
            .GetProperty("costBreakdown").EnumerateArray()
            .ToDictionary(row => row.GetProperty("key").GetString()!, row => AnsweringFromTheReadModels.Money(row.GetProperty("costUsd")));

    private async Task<Dictionary<string, decimal>> CsvAsync(string query, string keyColumn)
    {
        using var response = await host.Http.ExportAsync(host.AdminKey, "/export/cost-breakdown.csv?" + query);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return CsvFile.Rows(await response.Content.ReadAsStringAsync())
            .ToDictionary(row => row[keyColumn], row => decimal.Parse(row["cost_usd"], CultureInfo.InvariantCulture));
    }
}
