using System.Globalization;
using System.Text.Json;
using TokenOptimizer.Access;
using TokenOptimizer.Aggregation.RollingUpUsage;
using TokenOptimizer.ReadModels;
using TokenOptimizer.Testing;
using TokenOptimizer.UsageLog;
using Xunit;

namespace TokenOptimizer.Query.IntegrationTests;

/// <summary><c>usagePatterns</c>: heatmap, peak hours, prompt lengths, output per input and estimate accuracy equal the same figures computed from the records.</summary>
public sealed class UsagePatternsFromTheRollups(QueryHost host) : IClassFixture<QueryHost>, IAsyncLifetime
{
    private const string PatternsQuery = """
        query($filter: UsageFilter) { usagePatterns(filter: $filter) {
          heatmap { weekday hour requests costUsd }
          peakHours { hour requests costUsd }
          promptLengths { upToTokens requests }
          ratioByModel { model inputTokens outputTokens outputPerInput }
          tokenEfficiency { estimatedCalls estimatedInputTokens actualInputTokens meanAbsoluteErrorTokens estimateAccuracy } } }
        """;

    private static readonly DateTimeOffset Now = DateTimeOffset.UtcNow;
    private List<UsageIngested> _records = [];

    public async Task InitializeAsync()
    {
        if (_records.Count == 0)
        {
            // Three days of demo traffic plus one call a minute, so the range's partial hours hold calls. Every third
            // call sends no estimate; some prompts sit exactly on a histogram bound, some are past the last one.
            var generated = TestUsage.Generate(4_000, seed: 41, from: Now.AddDays(-3), span: TimeSpan.FromDays(3) - TimeSpan.FromMinutes(1));
            var start = TestUsage.Minute(Now.AddDays(-3));
            generated.AddRange(TestUsage.Generate(3 * 24 * 60 - 1, seed: 42).Select((r, i) => r with
            {
                Usage = r.Usage with { OccurredAt = start.AddMinutes(i).AddSeconds(i % 60) },
            }));
            var bounds = UsageRollupTables.PromptLengthBounds;
            _records = generated.Select((r, i) => r with
            {
                Usage = r.Usage with
                {
                    EstimatedInputTokens = i % 3 == 0 ? null : r.Usage.EstimatedInputTokens,
                    InputTokens = i % 97 == 0 ? 250_000 + i : i % 89 == 0 ? bounds[i % bounds.Length] : r.Usage.InputTokens,
                    CachedInputTokens = i % 89 == 0 ? 0 : r.Usage.CachedInputTokens,
                    CacheWriteTokens = i % 89 == 0 ? 0 : r.Usage.CacheWriteTokens,
                },
            }).ToList();
            await host.FeedAsync(_records);
        }
    }

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task Heatmap_OfARangeCuttingDaysAndHours_EqualsTheRecordsPerWeekdayAndHour()
    {
        var (from, to) = (TestUsage.Minute(Now.AddDays(-2).AddHours(-7).AddMinutes(-13)), TestUsage.Minute(Now.AddMinutes(-29)));

        var data = await host.DataAsync(host.AdminKey, PatternsQuery, new { filter = new { from, to } });

        AssertHeatmap(InRange(from, to), data.GetProperty("usagePatterns"));
    }

    [Fact]
    public async Task PromptLengthsRatiosAndEstimates_OfARangeCuttingDaysAndHours_EqualTheRecords()
    {
        var (from, to) = (TestUsage.Minute(Now.AddDays(-1).AddHours(-9).AddMinutes(-4)), TestUsage.Minute(Now.AddHours(-3).AddMinutes(-51)));

        var data = await host.DataAsync(host.AdminKey, PatternsQuery, new { filter = new { from, to } });

        var records = InRange(from, to);
        var patterns = data.GetProperty("usagePatterns");
        AssertPromptLengths(records, patterns);
        AssertRatios(records, patterns);
        AssertTokenEfficiency(records, patterns);
    }

    [Fact]
    public async Task TeamScopedKey_SeesOnlyItsTeamsCalls()
    {
        var team = _records.GroupBy(r => r.Usage.Team).OrderBy(g => g.Count()).Select(g => g.Key).First(t => !string.IsNullOrEmpty(t))!;
        var key = await host.CreateKeyAsync(Role.Read, team);
        var (from, to) = (TestUsage.Minute(Now.AddDays(-3).AddHours(-1)), TestUsage.Minute(Now.AddMinutes(1)));
        var records = _records.Where(r => r.Usage.Team == team).ToList();
        Assert.True(records.Count < _records.Count / 2, "the team should be a small part of the traffic");

        var data = await host.DataAsync(key, PatternsQuery, new { filter = new { from, to } });

        var patterns = data.GetProperty("usagePatterns");
        AssertHeatmap(records, patterns);
        AssertPromptLengths(records, patterns);
        AssertRatios(records, patterns);
        AssertTokenEfficiency(records, patterns);
    }

    private List<UsageIngested> InRange(DateTimeOffset from, DateTimeOffset to) =>
        _records.Where(r => r.Usage.OccurredAt >= from && r.Usage.OccurredAt < to).ToList();

    private static void AssertHeatmap(List<UsageIngested> records, JsonElement patterns)
    {
        var expected = records.GroupBy(r => (Weekday: IsoWeekday(r.Usage.OccurredAt), r.Usage.OccurredAt.UtcDateTime.Hour))
            .ToDictionary(g => g.Key, g => (Requests: (long)g.Count(), Cost: CostOf(g)));
        var cells = patterns.GetProperty("heatmap").EnumerateArray().ToList();
        Assert.Equal(7 * 24, cells.Count);
        foreach (var (cell, i) in cells.Select((c, i) => (c, i)))
        {
            var (weekday, hour) = (cell.GetProperty("weekday").GetInt32(), cell.GetProperty("hour").GetInt32());
            Assert.Equal((1 + i / 24, i % 24), (weekday, hour));
            Assert.Equal(expected.GetValueOrDefault((weekday, hour)), (cell.GetProperty("requests").GetInt64(), Money(cell.GetProperty("costUsd"))));
        }

        var expectedPeaks = records.GroupBy(r => r.Usage.OccurredAt.UtcDateTime.Hour)
            .Select(g => (Hour: g.Key, Requests: (long)g.Count(), Cost: CostOf(g))).OrderByDescending(h => h.Requests).ThenBy(h => h.Hour).Take(3);
        Assert.Equal(expectedPeaks, patterns.GetProperty("peakHours").EnumerateArray()
            .Select(p => (p.GetProperty("hour").GetInt32(), p.GetProperty("requests").GetInt64(), Money(p.GetProperty("costUsd")))));
    }

    private static void AssertPromptLengths(List<UsageIngested> records, JsonElement patterns)
    {
        var bounds = UsageRollupTables.PromptLengthBounds;
        var expected = bounds.Select((bound, i) => ((long?)bound, (long)records.Count(r => r.Usage.InputTokens <= bound && (i == 0 || r.Usage.InputTokens > bounds[i - 1]))))
            .Append((null, records.Count(r => r.Usage.InputTokens > bounds[^1])));
        Assert.True(records.Any(r => r.Usage.InputTokens > bounds[^1]), "the open last bucket should hold calls");
        Assert.Equal(expected, patterns.GetProperty("promptLengths").EnumerateArray().Select(b =>
            (b.GetProperty("upToTokens").ValueKind == JsonValueKind.Null ? null : (long?)b.GetProperty("upToTokens").GetInt64(), b.GetProperty("requests").GetInt64())));
    }

    private static void AssertRatios(List<UsageIngested> records, JsonElement patterns)
    {
        var expected = records.GroupBy(r => r.Usage.Model).ToDictionary(g => g.Key, g => (Input: g.Sum(r => r.Usage.InputTokens), Output: g.Sum(r => r.Usage.OutputTokens)));
        var rows = patterns.GetProperty("ratioByModel").EnumerateArray().ToList();
        Assert.Equal(expected.Count, rows.Count);
        foreach (var row in rows)
        {
            var (input, output) = expected[row.GetProperty("model").GetString()!];
            Assert.Equal((input, output), (row.GetProperty("inputTokens").GetInt64(), row.GetProperty("outputTokens").GetInt64()));
            Assert.Equal((double)output / input, row.GetProperty("outputPerInput").GetDouble(), 12);
        }
    }

    private static void AssertTokenEfficiency(List<UsageIngested> records, JsonElement patterns)
    {
        var estimated = records.Where(r => r.Usage.EstimatedInputTokens is not null).ToList();
        var actual = estimated.Sum(r => r.Usage.InputTokens);
        var error = estimated.Sum(r => Math.Abs(r.Usage.EstimatedInputTokens!.Value - r.Usage.InputTokens));
        Assert.True(estimated.Count < records.Count, "some calls should send no estimate");
        var efficiency = patterns.GetProperty("tokenEfficiency");
        Assert.Equal(estimated.Count, efficiency.GetProperty("estimatedCalls").GetInt64());
        Assert.Equal(estimated.Sum(r => r.Usage.EstimatedInputTokens!.Value), efficiency.GetProperty("estimatedInputTokens").GetInt64());
        Assert.Equal(actual, efficiency.GetProperty("actualInputTokens").GetInt64());
        Assert.Equal((double)error / estimated.Count, efficiency.GetProperty("meanAbsoluteErrorTokens").GetDouble(), 9);
        Assert.Equal(1 - (double)error / actual, efficiency.GetProperty("estimateAccuracy").GetDouble(), 12);
    }

    private static int IsoWeekday(DateTimeOffset at) => at.UtcDateTime.DayOfWeek == DayOfWeek.Sunday ? 7 : (int)at.UtcDateTime.DayOfWeek;

    private static decimal CostOf(IEnumerable<UsageIngested> records) => records.Where(r => r.Cost.Priced).Sum(r => r.Cost.TotalUsd);

    private static decimal Money(JsonElement element) => decimal.Parse(element.GetString()!, CultureInfo.InvariantCulture);

}
