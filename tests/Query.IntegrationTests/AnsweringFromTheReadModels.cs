using System.Globalization;
using System.Text.Json;
using TokenOptimizer.Contracts;
using TokenOptimizer.Testing;
using TokenOptimizer.UsageLog;
using Xunit;

namespace TokenOptimizer.Query.IntegrationTests;

/// <summary>Every figure the API gives equals the same figure computed directly from the ingested records.</summary>
public sealed class AnsweringFromTheReadModels(QueryHost host) : IClassFixture<QueryHost>, IAsyncLifetime
{
    internal static readonly DateTimeOffset Now = DateTimeOffset.UtcNow;
    // Three days of demo traffic up to a minute ago (it follows a daily cycle), plus one call a minute that cycles
    // through every team and model, so the ranges below have calls in their partial minutes and hours whatever the
    // time of day: they cut through days, hours and minutes.
    internal static readonly List<UsageIngested> Records = Generate();

    public Task InitializeAsync() => host.FeedOnceAsync(() => Records);

    private static List<UsageIngested> Generate()
    {
        var records = TestUsage.Generate(4_000, seed: 5, from: Now.AddDays(-3), span: TimeSpan.FromDays(3) - TimeSpan.FromMinutes(1));
        var teams = records.Select(r => r.Usage.Team).Distinct().Order().ToList();
        var models = records.Select(r => (r.Usage.Provider, r.Usage.Model)).Distinct().Order().ToList();
        var start = TestUsage.Minute(Now.AddDays(-3));
        records.AddRange(TestUsage.Generate(3 * 24 * 60 - 1, seed: 6).Select((r, i) => r with
        {
            Usage = r.Usage with
            {
                OccurredAt = start.AddMinutes(i).AddSeconds(i % 60), Team = teams[i % teams.Count],
                Provider = models[i % models.Count].Provider, Model = models[i % models.Count].Model,
            },
        }));
        return records;
    }

    public Task DisposeAsync() => Task.CompletedTask;

    internal static decimal CostOf(IEnumerable<UsageIngested> records) => records.Where(r => r.Cost.Priced).Sum(r => r.Cost.TotalUsd);

    internal static decimal Money(JsonElement element) => decimal.Parse(element.GetString()!, CultureInfo.InvariantCulture);


    [Fact]
    public async Task Overview_OfAnyRangeAndFilter_EqualsTheRecordsSums()
    {
        // A range starting and ending mid-hour, a day and a half long: minute, hour and day rollups together
        var from = TestUsage.Minute(Now.AddHours(-40).AddMinutes(-17));
        var to = TestUsage.Minute(Now.AddHours(-2).AddMinutes(-43));
        var team = Records.GroupBy(r => r.Usage.Team).OrderByDescending(g => g.Count()).First().Key!;
        var expected = Records.Where(r => r.Usage.OccurredAt >= from && r.Usage.OccurredAt < to && r.Usage.Team == team && r.Usage.Outcome == Outcomes.Succeeded).ToList();
        var firstWholeHour = new DateTimeOffset(from.UtcTicks + (TimeSpan.TicksPerHour - from.UtcTicks % TimeSpan.TicksPerHour) % TimeSpan.TicksPerHour, TimeSpan.Zero);
        var lastWholeHourEnd = new DateTimeOffset(to.UtcTicks - to.UtcTicks % TimeSpan.TicksPerHour, TimeSpan.Zero);
        Assert.True(firstWholeHour - from < TimeSpan.FromMinutes(10) || expected.Any(r => r.Usage.OccurredAt < firstWholeHour), "calls in the partial first hour");
        Assert.True(to - lastWholeHourEnd < TimeSpan.FromMinutes(10) || expected.Any(r => r.Usage.OccurredAt >= lastWholeHourEnd), "calls in the partial last hour");

        var data = await host.DataAsync(host.AdminKey, """
            query($filter: UsageFilter) { overview(filter: $filter) {
              totalCostUsd requests successfulRequests inputTokens outputTokens cachedInputTokens reasoningTokens totalTokens unpricedRequests averageCostPerRequestUsd } }
            """, new { filter = new { from, to, teams = new[] { team }, outcomes = new[] { Outcomes.Succeeded } } });

        var overview = data.GetProperty("overview");
        Assert.True(expected.Count > 20, "the slice should hold enough calls to mean something");
        Assert.Equal(CostOf(expected), Money(overview.GetProperty("totalCostUsd")));
        Assert.Equal(expected.Count, overview.GetProperty("requests").GetInt64());
        Assert.Equal(expected.Count(r => r.Usage.Outcome == Outcomes.Succeeded), overview.GetProperty("successfulRequests").GetInt64());
        Assert.Equal(expected.Sum(r => r.Usage.InputTokens), overview.GetProperty("inputTokens").GetInt64());
        Assert.Equal(expected.Sum(r => r.Usage.OutputTokens), overview.GetProperty("outputTokens").GetInt64());
        Assert.Equal(expected.Sum(r => r.Usage.CachedInputTokens), overview.GetProperty("cachedInputTokens").GetInt64());
        Assert.Equal(expected.Sum(r => r.Usage.ReasoningTokens), overview.GetProperty("reasoningTokens").GetInt64());
        Assert.Equal(expected.Count(r => !r.Cost.Priced), overview.GetProperty("unpricedRequests").GetInt64());
        Assert.Equal(CostOf(expected) / expected.Count(r => r.Cost.Priced), Money(overview.GetProperty("averageCostPerRequestUsd")));
    }

    [Fact]
    public async Task Overview_ComparesWithThePreviousEqualPeriod()
    {
        var data = await host.DataAsync(host.AdminKey, "{ overview(filter: {range: LAST_24_HOURS}) { from to totalCostUsd previousPeriodCostUsd costChangePercent } }");

        var overview = data.GetProperty("overview");
        var to = overview.GetProperty("to").GetDateTimeOffset();
        var from = overview.GetProperty("from").GetDateTimeOffset();
        Assert.Equal(TimeSpan.FromHours(24), to - from);
        var current = CostOf(Records.Where(r => r.Usage.OccurredAt >= from && r.Usage.OccurredAt < to));
        var previous = CostOf(Records.Where(r => r.Usage.OccurredAt >= from.AddHours(-24) && r.Usage.OccurredAt < from));
        Assert.Equal(current, Money(overview.GetProperty("totalCostUsd")));
        Assert.Equal(previous, Money(overview.GetProperty("previousPeriodCostUsd")));
        Assert.Equal(Math.Round((current - previous) / previous * 100, 2), Money(overview.GetProperty("costChangePercent")));
    }

    [Theory]
    [InlineData("MODEL")]
    [InlineData("PROVIDER")]
    [InlineData("FEATURE")]
    [InlineData("TEAM")]
    [InlineData("ENVIRONMENT")]
    [InlineData("OUTCOME")]
    public async Task CostBreakdown_ByEachDimension_EqualsTheRecordsGroupedSums(string by)
    {
        var from = TestUsage.Minute(Now.AddHours(-50).AddMinutes(-3));
        var to = TestUsage.Minute(Now.AddMinutes(-30));
        var outcomes = new[] { Outcomes.Succeeded };
        Func<UsageRecorded, string> keyOf = by switch
        {
            "MODEL" => u => u.Model, "PROVIDER" => u => u.Provider, "FEATURE" => u => u.Feature ?? "default",
            "TEAM" => u => u.Team ?? "", "ENVIRONMENT" => u => u.Environment ?? "", _ => u => u.Outcome,
        };
        var expected = Records.Where(r => r.Usage.OccurredAt >= from && r.Usage.OccurredAt < to && outcomes.Contains(r.Usage.Outcome))
            .GroupBy(r => keyOf(r.Usage)).ToDictionary(g => g.Key, g => (Cost: CostOf(g), Requests: (long)g.Count(), Tokens: g.Sum(r => r.Usage.InputTokens + r.Usage.OutputTokens)));

        var data = await host.DataAsync(host.AdminKey, """
            query($by: Dimension!, $filter: UsageFilter) { costBreakdown(by: $by, filter: $filter) { key costUsd share requests totalTokens } }
            """, new { by, filter = new { from, to, outcomes } });

        var rows = data.GetProperty("costBreakdown").EnumerateArray().ToList();
        Assert.Equal(expected.Count, rows.Count);
        foreach (var row in rows)
        {
            var (cost, requests, tokens) = expected[row.GetProperty("key").GetString()!];
            Assert.Equal(cost, Money(row.GetProperty("costUsd")));
            Assert.Equal(requests, row.GetProperty("requests").GetInt64());
            Assert.Equal(tokens, row.GetProperty("totalTokens").GetInt64());
        }

        Assert.Equal(rows.Select(r => Money(r.GetProperty("costUsd"))).OrderDescending(), rows.Select(r => Money(r.GetProperty("costUsd"))));
        Assert.InRange(rows.Sum(r => Money(r.GetProperty("share"))), 0.9999m, 1.0001m);
    }

    [Fact]
    public async Task CostBreakdown_ByUser_CoversTheWholeDaysOfTheRange()
    {
        var from = new DateTimeOffset(Now.AddDays(-2).UtcDateTime.Date, TimeSpan.Zero);
        var to = from.AddDays(1);
        var expected = Records.Where(r => r.Usage.OccurredAt >= from && r.Usage.OccurredAt < to)
            .GroupBy(r => r.Usage.UserId ?? "").ToDictionary(g => g.Key, g => CostOf(g));

        var data = await host.DataAsync(host.AdminKey, """
            query($filter: UsageFilter) { costBreakdown(by: USER, filter: $filter) { key costUsd } }
            """, new { filter = new { from, to } });

        var rows = data.GetProperty("costBreakdown").EnumerateArray().ToDictionary(r => r.GetProperty("key").GetString()!, r => Money(r.GetProperty("costUsd")));
        Assert.True(rows.Count > 1, "the demo traffic names several users");
        Assert.Equal(expected, rows);
    }

    [Fact]
    public async Task BadFilter_IsRefusedWithAnErrorNamingTheField()
    {
        var (status, body) = await host.GraphQLAsync(host.AdminKey, """{ overview(filter: {range: LAST_7_DAYS, from: "2026-01-01T00:00:00Z"}) { requests } }""");

        Assert.Equal(200, status);
        var error = body.GetProperty("errors")[0];
        Assert.Contains("filter.range", error.GetProperty("message").GetString(), StringComparison.Ordinal);
        Assert.Equal("BAD_USER_INPUT", error.GetProperty("extensions").GetProperty("code").GetString());
    }
}
