using System.Globalization;
using System.Text.Json;
using TokenOptimizer.Access;
using TokenOptimizer.Contracts;
using TokenOptimizer.Testing;
using TokenOptimizer.UsageLog;
using Xunit;

namespace TokenOptimizer.Query.IntegrationTests;

/// <summary><c>errors</c>: the failed calls newest first, and failure counts per type, provider and model equal to the records grouped.</summary>
public sealed class ReportingErrors(QueryHost host) : IClassFixture<QueryHost>, IAsyncLifetime
{
    private static readonly DateTimeOffset Now = DateTimeOffset.UtcNow;

    // The queried period is the last two days; the records also fill the two days before, the "previous period".
    private static readonly DateTimeOffset To = TestUsage.Minute(Now);
    private static readonly DateTimeOffset From = To.AddDays(-2);
    private static readonly List<UsageIngested> Records =
        RequestLogPages.AtWholeMilliseconds(TestUsage.Generate(3_000, seed: 31, from: From.AddDays(-2), span: TimeSpan.FromDays(4) - TimeSpan.FromMinutes(2)));

    public Task InitializeAsync() => host.FeedOnceAsync(() => Records);

    public Task DisposeAsync() => Task.CompletedTask;


    private static IEnumerable<UsageIngested> Between(DateTimeOffset from, DateTimeOffset to) => Records.Where(r => r.Usage.OccurredAt >= from && r.Usage.OccurredAt < to);

    [Fact]
    public async Task Recent_HoldsExactlyTheFailedCallsNewestFirst()
    {
        var rows = await RequestLogPages.ReadAllAsync(host, host.AdminKey, "errors.recent", new { from = From, to = To }, first: 13);

        var expected = RequestLogPages.NewestFirst(Between(From, To).Where(r => r.Usage.Outcome == Outcomes.Failed));
        Assert.True(expected.Count > 26, "the period should hold several pages of failures");
        Assert.Equal(expected.Select(r => r.Usage.RequestId), rows.Select(r => r.GetProperty("requestId").GetString()));
        for (var i = 0; i < expected.Count; i++)
        {
            RequestLogPages.AssertSame(expected[i], rows[i]);
        }
    }

    [Fact]
    public async Task Counts_ByTypeProviderAndModel_EqualTheRecordsGrouped()
    {
        var data = await host.DataAsync(host.AdminKey, """
            query($filter: UsageFilter) { errors(filter: $filter) {
              byType { ...group } byProvider { ...group } byModel { ...group } } }
            fragment group on FailureGroup { key failures requests errorRate previousFailures trendPercent }
            """, new { filter = new { from = From, to = To } });

        var errors = data.GetProperty("errors");
        var current = Between(From, To).ToList();
        var previous = Between(From.AddDays(-2), From).ToList();
        AssertGroups(current, previous, r => r.Usage.ErrorType!, sharesOfEveryCall: true, errors.GetProperty("byType"));
        AssertGroups(current, previous, r => r.Usage.Provider, sharesOfEveryCall: false, errors.GetProperty("byProvider"));
        AssertGroups(current, previous, r => r.Usage.Model, sharesOfEveryCall: false, errors.GetProperty("byModel"));
        foreach (var split in new[] { "byType", "byProvider", "byModel" })
        {
            var groups = errors.GetProperty(split).EnumerateArray().ToList();
            Assert.True(groups.Count > 1, $"{split}: failures should fall into several groups");
            Assert.Contains(groups, g => g.GetProperty("trendPercent").ValueKind != JsonValueKind.Null);
        }
    }

    [Fact]
    public async Task TeamScopedKey_SeesItsTeamsFailuresOnly()
    {
        var team = Records.Where(r => r.Usage.Outcome == Outcomes.Failed).GroupBy(r => r.Usage.Team).OrderByDescending(g => g.Count()).First().Key!;
        var teamKey = await host.CreateKeyAsync(Role.Read, team);

        var data = await host.DataAsync(teamKey, """
            query($filter: UsageFilter) { errors(filter: $filter, first: 500) {
              recent { edges { node { requestId } } pageInfo { hasNextPage } }
              byProvider { key failures requests errorRate previousFailures trendPercent } } }
            """, new { filter = new { from = From, to = To } });

        var errors = data.GetProperty("errors");
        var current = Between(From, To).Where(r => r.Usage.Team == team).ToList();
        var previous = Between(From.AddDays(-2), From).Where(r => r.Usage.Team == team).ToList();
        Assert.False(errors.GetProperty("recent").GetProperty("pageInfo").GetProperty("hasNextPage").GetBoolean());
        Assert.Equal(
            RequestLogPages.NewestFirst(current.Where(r => r.Usage.Outcome == Outcomes.Failed)).Select(r => r.Usage.RequestId),
            errors.GetProperty("recent").GetProperty("edges").EnumerateArray().Select(e => e.GetProperty("node").GetProperty("requestId").GetString()));
        AssertGroups(current, previous, r => r.Usage.Provider, sharesOfEveryCall: false, errors.GetProperty("byProvider"));
        Assert.True(Records.Select(r => r.Usage.Team).Distinct().Count() > 1, "other teams' calls exist to be hidden");
    }

    private static void AssertGroups(
        List<UsageIngested> current, List<UsageIngested> previous, Func<UsageIngested, string> keyOf, bool sharesOfEveryCall, JsonElement groups)
    {
        var failed = current.Where(r => r.Usage.Outcome == Outcomes.Failed).GroupBy(keyOf).ToList();
        var expected = failed
            .Select(g =>
            {
                var requests = sharesOfEveryCall ? current.Count : current.Count(r => keyOf(r) == g.Key);
                var before = previous.Count(r => r.Usage.Outcome == Outcomes.Failed && keyOf(r) == g.Key);
                return (Key: g.Key, Failures: (long)g.Count(), Requests: (long)requests, ErrorRate: Math.Round((double)g.Count() / requests, 4),
                    Previous: (long)before, Trend: before == 0 ? (decimal?)null : Math.Round((decimal)(g.Count() - before) / before * 100, 2));
            })
            .OrderByDescending(g => g.Failures).ThenBy(g => g.Key, StringComparer.Ordinal)
            .ToList();
        var actual = groups.EnumerateArray().Select(g => (
            Key: g.GetProperty("key").GetString()!, Failures: g.GetProperty("failures").GetInt64(), Requests: g.GetProperty("requests").GetInt64(),
            ErrorRate: g.GetProperty("errorRate").GetDouble(), Previous: g.GetProperty("previousFailures").GetInt64(),
            Trend: g.GetProperty("trendPercent") is { ValueKind: JsonValueKind.String } trend ? decimal.Parse(trend.GetString()!, CultureInfo.InvariantCulture) : (decimal?)null))
            .ToList();

        Assert.NotEmpty(expected);
        Assert.Equal(expected, actual);
    }
}
