using System.Globalization;
using System.Text.Json;
using TokenOptimizer.Access;
using TokenOptimizer.Contracts;
using TokenOptimizer.Testing;
using TokenOptimizer.UsageLog;
using Xunit;

namespace TokenOptimizer.Query.IntegrationTests;

/// <summary>Every point of <c>timeSeries</c> equals the records grouped by bucket (and key); the points add up to the overview.</summary>
public sealed class TimeSeriesFromTheRollups(QueryHost host) : IClassFixture<QueryHost>, IAsyncLifetime
{
    private const string SeriesQuery = """
        query($filter: UsageFilter, $granularity: Granularity!, $by: Dimension) {
          timeSeries(filter: $filter, granularity: $granularity, by: $by) {
            bucketStart key costUsd requests failures inputTokens outputTokens p50LatencyMs p95LatencyMs p99LatencyMs requestsPerSecond }
          overview(filter: $filter) { totalCostUsd requests }
        }
        """;

    private static readonly DateTimeOffset Now = DateTimeOffset.UtcNow;
    private List<UsageIngested> _records = [];

    public async Task InitializeAsync()
    {
        if (_records.Count == 0)
        {
            // Three days of demo traffic plus one call a minute cycling through the teams and models, so every
            // minute, hour and day bucket below (the partial edge ones too) holds calls.
            _records = TestUsage.Generate(4_000, seed: 21, from: Now.AddDays(-3), span: TimeSpan.FromDays(3) - TimeSpan.FromMinutes(1));
            var teams = _records.Select(r => r.Usage.Team).Distinct().Order().ToList();
            var models = _records.Select(r => (r.Usage.Provider, r.Usage.Model)).Distinct().Order().ToList();
            var start = Floor(Now.AddDays(-3), TimeSpan.FromMinutes(1));
            _records.AddRange(TestUsage.Generate(3 * 24 * 60 - 1, seed: 22).Select((r, i) => r with
            {
                Usage = r.Usage with
                {
                    OccurredAt = start.AddMinutes(i).AddSeconds(i % 60), Team = teams[i % teams.Count],
                    Provider = models[i % models.Count].Provider, Model = models[i % models.Count].Model,
                },
            }));
            await host.FeedAsync(_records);
        }
    }

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task Hourly_OverARangeCuttingHours_EqualsTheRecordsPerHourAndAddsUpToTheOverview()
    {
        var from = Floor(Now.AddHours(-40).AddMinutes(-17), TimeSpan.FromMinutes(1));
        var to = Floor(Now.AddHours(-2).AddMinutes(-43), TimeSpan.FromMinutes(1));
        var inRange = _records.Where(r => r.Usage.OccurredAt >= from && r.Usage.OccurredAt < to).ToList();
        var expected = inRange.GroupBy(r => Floor(r.Usage.OccurredAt, TimeSpan.FromHours(1))).ToDictionary(g => g.Key, g => g.ToList());

        var data = await host.DataAsync(host.AdminKey, SeriesQuery, new { filter = new { from, to }, granularity = "HOUR" });

        var points = data.GetProperty("timeSeries").EnumerateArray().ToList();
        var firstBucket = Floor(from, TimeSpan.FromHours(1));
        Assert.Equal((int)((Ceiling(to, TimeSpan.FromHours(1)) - firstBucket) / TimeSpan.FromHours(1)), points.Count);
        foreach (var (point, i) in points.Select((p, i) => (p, i)))
        {
            var bucket = point.GetProperty("bucketStart").GetDateTimeOffset();
            Assert.Equal(firstBucket.AddHours(i), bucket);
            Assert.Equal(JsonValueKind.Null, point.GetProperty("key").ValueKind);
            var records = expected.GetValueOrDefault(bucket) ?? [];
            AssertTotals(records, point);
            AssertLatencies(records, point);
            var seconds = ((bucket.AddHours(1) < to ? bucket.AddHours(1) : to) - (bucket > from ? bucket : from)).TotalSeconds;
            Assert.Equal(records.Count / seconds, point.GetProperty("requestsPerSecond").GetDouble(), 9);
        }

        var overview = data.GetProperty("overview");
        Assert.Equal(Money(overview.GetProperty("totalCostUsd")), points.Sum(p => Money(p.GetProperty("costUsd"))));
        Assert.Equal(overview.GetProperty("requests").GetInt64(), points.Sum(p => p.GetProperty("requests").GetInt64()));
        Assert.Equal(inRange.Count, overview.GetProperty("requests").GetInt64());
    }

    [Fact]
    public async Task PerMinute_SplitByModel_EqualsTheRecordsPerMinuteAndModel()
    {
        var from = Floor(Now.AddHours(-20).AddMinutes(-7), TimeSpan.FromMinutes(1));
        var to = Floor(Now.AddHours(-1), TimeSpan.FromMinutes(1));
        var expected = _records.Where(r => r.Usage.OccurredAt >= from && r.Usage.OccurredAt < to)
            .GroupBy(r => (Floor(r.Usage.OccurredAt, TimeSpan.FromMinutes(1)), r.Usage.Model)).ToDictionary(g => g.Key, g => g.ToList());

        var data = await host.DataAsync(host.AdminKey, SeriesQuery, new { filter = new { from, to }, granularity = "MINUTE", by = "MODEL" });

        var points = data.GetProperty("timeSeries").EnumerateArray().ToList();
        Assert.Equal(expected.Count, points.Count);
        foreach (var point in points)
        {
            var records = expected[(point.GetProperty("bucketStart").GetDateTimeOffset(), point.GetProperty("key").GetString()!)];
            AssertTotals(records, point);
            Assert.Equal(records.Count / 60.0, point.GetProperty("requestsPerSecond").GetDouble(), 9);
        }

        Assert.Equal(Money(data.GetProperty("overview").GetProperty("totalCostUsd")), points.Sum(p => Money(p.GetProperty("costUsd"))));
    }

    [Fact]
    public async Task Daily_SplitByProvider_EqualsTheRecordsPerDayAndProviderAndAddsUpToTheOverview()
    {
        var from = Floor(Now.AddDays(-2).AddHours(-5).AddMinutes(-11), TimeSpan.FromMinutes(1));
        var to = Floor(Now.AddMinutes(-37), TimeSpan.FromMinutes(1));
        var expected = _records.Where(r => r.Usage.OccurredAt >= from && r.Usage.OccurredAt < to)
            .GroupBy(r => (Floor(r.Usage.OccurredAt, TimeSpan.FromDays(1)), r.Usage.Provider)).ToDictionary(g => g.Key, g => g.ToList());

        var data = await host.DataAsync(host.AdminKey, SeriesQuery, new { filter = new { from, to }, granularity = "DAY", by = "PROVIDER" });

        var points = data.GetProperty("timeSeries").EnumerateArray().ToList();
        Assert.Equal(expected.Count, points.Count);
        foreach (var point in points)
        {
            AssertTotals(expected[(point.GetProperty("bucketStart").GetDateTimeOffset(), point.GetProperty("key").GetString()!)], point);
        }

        var overview = data.GetProperty("overview");
        Assert.Equal(Money(overview.GetProperty("totalCostUsd")), points.Sum(p => Money(p.GetProperty("costUsd"))));
        Assert.Equal(overview.GetProperty("requests").GetInt64(), points.Sum(p => p.GetProperty("requests").GetInt64()));
    }

    [Fact]
    public async Task TooManyBuckets_IsRefusedWithAnErrorNamingGranularity()
    {
        var (status, body) = await host.GraphQLAsync(host.AdminKey, "{ timeSeries(filter: {range: LAST_30_DAYS}, granularity: MINUTE) { requests } }");

        Assert.Equal(200, status);
        var error = body.GetProperty("errors")[0];
        Assert.Contains("granularity", error.GetProperty("message").GetString(), StringComparison.Ordinal);
        Assert.Equal("BAD_USER_INPUT", error.GetProperty("extensions").GetProperty("code").GetString());
        Assert.Equal(JsonValueKind.Null, body.GetProperty("data").ValueKind);
    }

    [Fact]
    public async Task SplitByUser_IsRefusedWithAnErrorNamingIt()
    {
        var (status, body) = await host.GraphQLAsync(host.AdminKey, "{ timeSeries(filter: {range: LAST_7_DAYS}, granularity: DAY, by: USER) { requests } }");

        Assert.Equal(200, status);
        var error = body.GetProperty("errors")[0];
        Assert.Contains("USER", error.GetProperty("message").GetString(), StringComparison.Ordinal);
        Assert.Equal("BAD_USER_INPUT", error.GetProperty("extensions").GetProperty("code").GetString());
    }

    [Fact]
    public async Task TeamScopedKey_SeesOnlyItsTeamsCalls()
    {
        var team = _records.GroupBy(r => r.Usage.Team).OrderBy(g => g.Count()).Select(g => g.Key).First(t => !string.IsNullOrEmpty(t))!;
        var key = await host.CreateKeyAsync(Role.Read, team);
        var from = Floor(Now.AddDays(-3), TimeSpan.FromHours(1));
        var to = Ceiling(Now, TimeSpan.FromHours(1));
        var expected = _records.Where(r => r.Usage.Team == team && r.Usage.OccurredAt >= from && r.Usage.OccurredAt < to)
            .GroupBy(r => (Floor(r.Usage.OccurredAt, TimeSpan.FromHours(1)), r.Usage.Team)).ToDictionary(g => g.Key, g => g.ToList());
        Assert.True(expected.Values.Sum(v => v.Count) < _records.Count / 2, "the team should be a small part of the traffic");

        var data = await host.DataAsync(key, SeriesQuery, new { filter = new { from, to }, granularity = "HOUR", by = "TEAM" });
        var otherTeam = await host.DataAsync(key, SeriesQuery, new { filter = new { from, to, teams = new[] { "not-" + team } }, granularity = "HOUR" });

        var points = data.GetProperty("timeSeries").EnumerateArray().ToList();
        Assert.Equal(expected.Count, points.Count);
        foreach (var point in points)
        {
            AssertTotals(expected[(point.GetProperty("bucketStart").GetDateTimeOffset(), point.GetProperty("key").GetString())], point);
        }

        Assert.All(otherTeam.GetProperty("timeSeries").EnumerateArray(), p => Assert.Equal(0, p.GetProperty("requests").GetInt64()));
    }

    private static void AssertTotals(List<UsageIngested> records, JsonElement point)
    {
        Assert.Equal(records.Where(r => r.Cost.Priced).Sum(r => r.Cost.TotalUsd), Money(point.GetProperty("costUsd")));
        Assert.Equal(records.Count, point.GetProperty("requests").GetInt64());
        Assert.Equal(records.Count(r => r.Usage.Outcome != Outcomes.Succeeded), point.GetProperty("failures").GetInt64());
        Assert.Equal(records.Sum(r => r.Usage.InputTokens), point.GetProperty("inputTokens").GetInt64());
        Assert.Equal(records.Sum(r => r.Usage.OutputTokens), point.GetProperty("outputTokens").GetInt64());
    }

    // The sketch answers the value of rank ⌊q·(n−1)⌋ within 1%.
    private static void AssertLatencies(List<UsageIngested> records, JsonElement point)
    {
        var sorted = records.Select(r => r.Usage.LatencyMs).Order().ToList();
        foreach (var (field, q) in new[] { ("p50LatencyMs", 0.50), ("p95LatencyMs", 0.95), ("p99LatencyMs", 0.99) })
        {
            if (sorted.Count == 0)
            {
                Assert.Equal(JsonValueKind.Null, point.GetProperty(field).ValueKind);
                continue;
            }

            var exact = sorted[(int)Math.Floor(q * (sorted.Count - 1))];
            Assert.InRange(point.GetProperty(field).GetDouble(), exact * (1 - 0.01) - 1e-9, exact * (1 + 0.01) + 1e-9);
        }
    }

    private static decimal Money(JsonElement element) => decimal.Parse(element.GetString()!, CultureInfo.InvariantCulture);

    private static DateTimeOffset Floor(DateTimeOffset at, TimeSpan unit) => new(at.UtcTicks - at.UtcTicks % unit.Ticks, TimeSpan.Zero);

    private static DateTimeOffset Ceiling(DateTimeOffset at, TimeSpan unit) => at.UtcTicks % unit.Ticks == 0 ? at.ToUniversalTime() : Floor(at, unit) + unit;
}
