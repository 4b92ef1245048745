using System.Text.Json;
using TokenOptimizer.Access;
using TokenOptimizer.Contracts;
using TokenOptimizer.Testing;
using TokenOptimizer.UsageLog;
using Xunit;

namespace TokenOptimizer.Query.IntegrationTests;

/// <summary><c>latency</c>'s percentiles, merged from the rollups' sketches, are within 1% of the exact percentiles of the records.</summary>
public sealed class LatencyPercentilesFromSketches(QueryHost host) : IClassFixture<QueryHost>, IAsyncLifetime
{
    private const string LatencyQuery = """
        query($filter: UsageFilter, $by: Dimension!) {
          latency(filter: $filter, by: $by) { key requests p50Ms p95Ms p99Ms p999Ms ttftP50Ms ttftP95Ms ttftP99Ms }
        }
        """;

    private static readonly DateTimeOffset Now = DateTimeOffset.UtcNow;
    private static readonly (string Field, double Q)[] LatencyQuantiles = [("p50Ms", 0.50), ("p95Ms", 0.95), ("p99Ms", 0.99), ("p999Ms", 0.999)];
    private static readonly (string Field, double Q)[] TtftQuantiles = [("ttftP50Ms", 0.50), ("ttftP95Ms", 0.95), ("ttftP99Ms", 0.99)];
    private List<UsageIngested> _records = [];
    private string _unstreamedModel = "";

    public async Task InitializeAsync()
    {
        if (_records.Count == 0)
        {
            // Two days of demo traffic (log-normal latency, 30 s timeouts) with a longer tail: one call in 40 is
            // 10–60 times slower. One model never streams, so it has no time to first token.
            var random = new Random(32);
            var generated = TestUsage.Generate(6_000, seed: 31, from: Now.AddDays(-2), span: TimeSpan.FromDays(2) - TimeSpan.FromMinutes(1));
            _unstreamedModel = generated.GroupBy(r => r.Usage.Model).OrderByDescending(g => g.Count()).Skip(1).First().Key;
            _records = generated.Select((r, i) => r with
            {
                Usage = r.Usage with
                {
                    LatencyMs = i % 40 == 0 ? Math.Round(r.Usage.LatencyMs * random.Next(10, 60), 1) : r.Usage.LatencyMs,
                    Streaming = r.Usage.Model != _unstreamedModel && r.Usage.Streaming,
                    TimeToFirstTokenMs = r.Usage.Model == _unstreamedModel ? null : r.Usage.TimeToFirstTokenMs,
                },
            }).ToList();
            await host.FeedAsync(_records);
        }
    }

    public Task DisposeAsync() => Task.CompletedTask;

    [Theory]
    [InlineData("MODEL")]
    [InlineData("PROVIDER")]
    public async Task PerValue_IsWithinOnePercentOfTheExactPercentiles(string by)
    {
        // Cuts through days, hours and minutes: the sketches of all three rollups are merged.
        var from = TestUsage.Minute(Now.AddHours(-41).AddMinutes(-23));
        var to = TestUsage.Minute(Now.AddMinutes(-19));
        Func<UsageRecorded, string> keyOf = by == "MODEL" ? u => u.Model : u => u.Provider;
        var expected = _records.Where(r => r.Usage.OccurredAt >= from && r.Usage.OccurredAt < to).GroupBy(r => keyOf(r.Usage)).ToDictionary(g => g.Key, g => g.ToList());

        var data = await host.DataAsync(host.AdminKey, LatencyQuery, new { by, filter = new { from, to } });

        var rows = data.GetProperty("latency").EnumerateArray().ToList();
        Assert.Equal(expected.Keys.Order(), rows.Select(r => r.GetProperty("key").GetString()!).Order());
        foreach (var row in rows)
        {
            AssertPercentiles(expected[row.GetProperty("key").GetString()!], row);
        }

        Assert.Equal(rows.Select(r => r.GetProperty("requests").GetInt64()).OrderDescending(), rows.Select(r => r.GetProperty("requests").GetInt64()));
        if (by == "MODEL")
        {
            var unstreamed = rows.Single(r => r.GetProperty("key").GetString() == _unstreamedModel);
            Assert.All(TtftQuantiles, t => Assert.Equal(JsonValueKind.Null, unstreamed.GetProperty(t.Field).ValueKind));
        }
    }

    [Fact]
    public async Task TeamScopedKey_SeesOnlyItsTeamsCalls()
    {
        var team = _records.GroupBy(r => r.Usage.Team).OrderBy(g => g.Count()).Select(g => g.Key).First(t => !string.IsNullOrEmpty(t))!;
        var key = await host.CreateKeyAsync(Role.Read, team);
        var from = TestUsage.Minute(Now.AddDays(-2).AddHours(-1));
        var to = TestUsage.Minute(Now.AddMinutes(1));
        var expected = _records.Where(r => r.Usage.Team == team).GroupBy(r => r.Usage.Model).ToDictionary(g => g.Key, g => g.ToList());

        var data = await host.DataAsync(key, LatencyQuery, new { by = "MODEL", filter = new { from, to } });
        var byTeam = await host.DataAsync(key, LatencyQuery, new { by = "TEAM", filter = new { from, to } });

        var rows = data.GetProperty("latency").EnumerateArray().ToList();
        Assert.Equal(expected.Keys.Order(), rows.Select(r => r.GetProperty("key").GetString()!).Order());
        foreach (var row in rows)
        {
            AssertPercentiles(expected[row.GetProperty("key").GetString()!], row);
        }

        Assert.Equal(new[] { team }, byTeam.GetProperty("latency").EnumerateArray().Select(r => r.GetProperty("key").GetString()));
    }

    private static void AssertPercentiles(List<UsageIngested> records, JsonElement row)
    {
        Assert.Equal(records.Count, row.GetProperty("requests").GetInt64());
        var latencies = records.Select(r => r.Usage.LatencyMs).Order().ToList();
        var ttfts = records.Where(r => r.Usage.TimeToFirstTokenMs is not null).Select(r => r.Usage.TimeToFirstTokenMs!.Value).Order().ToList();
        foreach (var (values, quantiles) in new[] { (latencies, LatencyQuantiles), (ttfts, TtftQuantiles) })
        {
            foreach (var (field, q) in quantiles)
            {
                if (values.Count == 0)
                {
                    Assert.Equal(JsonValueKind.Null, row.GetProperty(field).ValueKind);
                    continue;
                }

                // LatencySketch.Quantile answers the value of rank ⌊q·(n−1)⌋ within 1% (relative).
                var exact = values[(int)Math.Floor(q * (values.Count - 1))];
                var actual = row.GetProperty(field).GetDouble();
                Assert.True(Math.Abs(actual - exact) <= exact * 0.01 + 1e-9, $"{field} of {row.GetProperty("key")}: {actual} against exact {exact}");
            }
        }
    }

}
