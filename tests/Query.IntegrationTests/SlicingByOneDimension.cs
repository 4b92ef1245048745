using System.Text.Json;
using TokenOptimizer.Testing;
using Xunit;
using static TokenOptimizer.Query.IntegrationTests.AnsweringFromTheReadModels;

namespace TokenOptimizer.Query.IntegrationTests;

/// <summary>
/// A slice that filters or splits by one dimension is read from the per-dimension rollups, any other from the full
/// rollups: both give the records' figures to the cent, and the same p95, over ranges cutting days, hours and minutes.
/// </summary>
public sealed class SlicingByOneDimension(QueryHost host) : IClassFixture<QueryHost>, IAsyncLifetime
{
    private const string OverviewFields = "totalCostUsd previousPeriodCostUsd requests successfulRequests inputTokens outputTokens unpricedRequests p95LatencyMs projectedMonthEndUsd";

    public Task InitializeAsync() => host.FeedOnceAsync(() => Records);

    public Task DisposeAsync() => Task.CompletedTask;

    public static TheoryData<int, int> Ranges => new()
    {
        { 47, 13 }, // inside one hour: minutes only
        { 5 * 60 + 17, 43 }, // minutes and hours
        { 40 * 60 + 17, 2 * 60 + 43 }, // minutes, hours and a whole day
        { 71 * 60 + 59, 1 }, // nearly everything
    };

    [Theory]
    [MemberData(nameof(Ranges))]
    public async Task TeamFilteredOverview_EqualsTheRecordsSums_AndTheFullRollupsAnswer(int fromMinutesAgo, int toMinutesAgo)
    {
        var (from, to) = Range(fromMinutesAgo, toMinutesAgo);
        var team = Records.GroupBy(r => r.Usage.Team).OrderByDescending(g => g.Count()).First().Key!;
        var expected = Records.Where(r => r.Usage.OccurredAt >= from && r.Usage.OccurredAt < to && r.Usage.Team == team).ToList();

        // One dimension filtered: the per-dimension rows; the same calls with every outcome also filtered: the full rows.
        var oneDimension = await OverviewAsync(new { from, to, teams = new[] { team } });
        var full = await OverviewAsync(new { from, to, teams = new[] { team }, outcomes = Records.Select(r => r.Usage.Outcome).Distinct().ToArray() });

        Assert.True(expected.Count > 0, "the range should hold calls of the team");
        Assert.Equal(CostOf(expected), Money(oneDimension.GetProperty("totalCostUsd")));
        Assert.Equal(expected.Count, oneDimension.GetProperty("requests").GetInt64());
        Assert.Equal(expected.Sum(r => r.Usage.InputTokens), oneDimension.GetProperty("inputTokens").GetInt64());
        Assert.Equal(expected.Count(r => !r.Cost.Priced), oneDimension.GetProperty("unpricedRequests").GetInt64());
        Assert.Equal(full.ToString(), oneDimension.ToString());
    }

    [Theory]
    [MemberData(nameof(Ranges))]
    public async Task BreakdownByTeam_WithOrWithoutATeamFilter_EqualsTheRecordsGroupedSums(int fromMinutesAgo, int toMinutesAgo)
    {
        var (from, to) = Range(fromMinutesAgo, toMinutesAgo);
        var inRange = Records.Where(r => r.Usage.OccurredAt >= from && r.Usage.OccurredAt < to).ToList();
        var expected = inRange.GroupBy(r => r.Usage.Team ?? "").ToDictionary(g => g.Key, g => (Cost: CostOf(g), Requests: (long)g.Count()));
        var twoTeams = expected.Keys.Order(StringComparer.Ordinal).Take(2).ToArray();

        var all = await BreakdownAsync(new { from, to });
        var filtered = await BreakdownAsync(new { from, to, teams = twoTeams });

        Assert.Equal(expected.Count, all.Count);
        foreach (var (key, row) in all)
        {
            Assert.Equal(expected[key].Cost, Money(row.GetProperty("costUsd")));
            Assert.Equal(expected[key].Requests, row.GetProperty("requests").GetInt64());
        }

        Assert.Equal(twoTeams, filtered.Keys.Order(StringComparer.Ordinal));
        Assert.All(twoTeams, team => Assert.Equal(Money(all[team].GetProperty("costUsd")), Money(filtered[team].GetProperty("costUsd"))));
        Assert.All(twoTeams, team => Assert.Equal(Money(all[team].GetProperty("previousCostUsd")), Money(filtered[team].GetProperty("previousCostUsd"))));
    }

    private static (DateTimeOffset From, DateTimeOffset To) Range(int fromMinutesAgo, int toMinutesAgo) =>
        (TestUsage.Minute(Now.AddMinutes(-fromMinutesAgo)), TestUsage.Minute(Now.AddMinutes(-toMinutesAgo)));

    private async Task<JsonElement> OverviewAsync(object filter) =>
        (await host.DataAsync(host.AdminKey, $"query($filter: UsageFilter) {{ overview(filter: $filter) {{ {OverviewFields} }} }}", new { filter })).GetProperty("overview");

    private async Task<Dictionary<string, JsonElement>> BreakdownAsync(object filter) =>
        (await host.DataAsync(host.AdminKey, "query($filter: UsageFilter) { costBreakdown(by: TEAM, filter: $filter) { key costUsd requests previousCostUsd } }", new { filter }))
            .GetProperty("costBreakdown").EnumerateArray().ToDictionary(row => row.GetProperty("key").GetString()!);
}
