using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using TokenOptimizer.Access;
using TokenOptimizer.Contracts;
using TokenOptimizer.Testing;
using Xunit;
using static TokenOptimizer.Query.IntegrationTests.AnsweringFromTheReadModels;

namespace TokenOptimizer.Query.IntegrationTests;

/// <summary>
/// <c>/metrics</c> shows what GraphQL shows: calls sent through Ingestion (priced there) and rolled up by Aggregation
/// are scraped in Prometheus' format and compared with <c>overview</c>, <c>costBreakdown</c> and <c>latency</c> for a
/// window holding every call, and with dollars computed by hand from the shipped catalog.
/// </summary>
public sealed class ExportingPrometheusMetrics(QueryHost host) : IClassFixture<QueryHost>
{
    private const string Cost = "tokenoptimizer_cost_usd_total";
    private const string Requests = "tokenoptimizer_requests_total";
    private const string Errors = "tokenoptimizer_errors_total";
    private const string Tokens = "tokenoptimizer_tokens_total";
    private const string Latency = "tokenoptimizer_latency_milliseconds";

    [Fact]
    public async Task ScrapedTotals_EqualGraphQLs_ForTheSameWindow()
    {
        // Given: four calls in the last minutes, sent as a producer sends them.
        await SendCallsAsync();

        // When: scraped once the snapshot holds them (it is refreshed at most every Query:Metrics:RefreshInterval).
        var readKey = await host.CreateKeyAsync(Role.Read);
        PrometheusScrape scrape = null!;
        await Eventually.UntilAsync(async () =>
        {
            scrape = PrometheusScrape.Parse(await ScrapeTextAsync(readKey));
            return scrape.Sum(Requests) == 4;
        }, TimeSpan.FromSeconds(60), "the scrape should count the four calls");

        // Then: the figures GraphQL gives for the last 24 hours (every call of this class's database).
        var data = await host.DataAsync(host.AdminKey, """
            { overview(filter: {range: LAST_24_HOURS}) { totalCostUsd requests successfulRequests inputTokens outputTokens cachedInputTokens }
              byProvider: costBreakdown(by: PROVIDER, filter: {range: LAST_24_HOURS}) { key costUsd requests }
              byModel: costBreakdown(by: MODEL, filter: {range: LAST_24_HOURS}) { key costUsd requests }
              byFeature: costBreakdown(by: FEATURE, filter: {range: LAST_24_HOURS}) { key costUsd requests }
              byTeam: costBreakdown(by: TEAM, filter: {range: LAST_24_HOURS}) { key costUsd requests } }
            """);
        var overview = data.GetProperty("overview");

        // By hand, catalog prices per token (libs/Catalog/Data/model-prices.json): gpt-4o input 0.0000025, cached read
        // 0.00000125, output 0.00001; claude-sonnet-4-5 input 0.000003, output 0.000015. Input includes the cached reads.
        // Calls 1 and 2: 80,000 × 0.0000025 + 20,000 × 0.00000125 + 50,000 × 0.00001 = 0.2 + 0.025 + 0.5 = 0.725 each.
        // Call 3: 150,000 × 0.000003 + 40,000 × 0.000015 = 0.45 + 0.6 = 1.05. Call 4 (failed, still billed for its prompt):
        // 40,000 × 0.0000025 = 0.1. Total 0.725 × 2 + 1.05 + 0.1 = 2.60; openai 1.55, anthropic 1.05.
        Assert.Equal(2.60m, Money(overview.GetProperty("totalCostUsd")));
        AssertDollars(2.60m, scrape.Sum(Cost));
        AssertDollars(1.55m, scrape.SumBy(Cost, "provider")["openai"]);
        AssertDollars(1.05m, scrape.SumBy(Cost, "provider")["anthropic"]);

        Assert.Equal(overview.GetProperty("requests").GetInt64(), (long)scrape.Sum(Requests));
        Assert.Equal(overview.GetProperty("requests").GetInt64() - overview.GetProperty("successfulRequests").GetInt64(), (long)scrape.Sum(Errors));
        Assert.Equal(overview.GetProperty("inputTokens").GetInt64(), (long)scrape.Sum(Tokens, ("kind", "input")));
        Assert.Equal(overview.GetProperty("outputTokens").GetInt64(), (long)scrape.Sum(Tokens, ("kind", "output")));
        Assert.Equal(overview.GetProperty("cachedInputTokens").GetInt64(), (long)scrape.Sum(Tokens, ("kind", "cached_input")));

        foreach (var (split, label) in new[] { ("byProvider", "provider"), ("byModel", "model"), ("byFeature", "feature"), ("byTeam", "team") })
        {
            var costs = scrape.SumBy(Cost, label);
            var requests = scrape.SumBy(Requests, label);
            var rows = data.GetProperty(split).EnumerateArray().ToList();
            Assert.Equal(rows.Select(r => r.GetProperty("key").GetString()!).Order(StringComparer.Ordinal), costs.Keys.Order(StringComparer.Ordinal));
            foreach (var row in rows)
            {
                var key = row.GetProperty("key").GetString()!;
                AssertDollars(Money(row.GetProperty("costUsd")), costs[key]);
                Assert.Equal(row.GetProperty("requests").GetInt64(), (long)requests[key]);
            }
        }

        // Latency: each series' quantiles are its calls' over the recent window, as GraphQL's for the same calls.
        var series = scrape.Of(Latency, ("quantile", "0.95")).ToList();
        Assert.Equal(3, series.Count);
        foreach (var labels in series.Select(s => s.Labels))
        {
            var latency = (await host.DataAsync(host.AdminKey, "query($filter: UsageFilter) { latency(by: MODEL, filter: $filter) { p50Ms p95Ms p99Ms } }", new
            {
                filter = new { range = "LAST_HOUR", providers = new[] { labels["provider"] }, models = new[] { labels["model"] }, features = new[] { labels["feature"] }, teams = new[] { labels["team"] } },
            })).GetProperty("latency").EnumerateArray().Single();
            foreach (var (quantile, field) in new[] { ("0.5", "p50Ms"), ("0.95", "p95Ms"), ("0.99", "p99Ms") })
            {
                var scraped = scrape.Of(Latency, ("provider", labels["provider"]), ("model", labels["model"]), ("feature", labels["feature"]), ("team", labels["team"]), ("quantile", quantile));
                Assert.Equal(latency.GetProperty(field).GetDouble(), scraped.Single().Value, 9);
            }
        }
    }

    [Fact]
    public async Task GrafanaDashboard_QueriesOnlyMetricsTheEndpointExports()
    {
        // A metric without any series is not listed: the calls give each one.
        await SendCallsAsync();
        var readKey = await host.CreateKeyAsync(Role.Read);
        IReadOnlySet<string> exported = new HashSet<string>();
        await Eventually.UntilAsync(async () =>
        {
            exported = PrometheusScrape.Parse(await ScrapeTextAsync(readKey)).Names;
            return exported.Contains(Requests);
        }, TimeSpan.FromSeconds(60), "the scrape should list the calls' metrics");
        using var dashboard = JsonDocument.Parse(await File.ReadAllTextAsync(RepositoryFiles.Path("deploy", "grafana", "tokenoptimizer.json")));

        var queried = Queries(dashboard.RootElement).SelectMany(GrafanaQueries.MetricNames).ToHashSet(StringComparer.Ordinal);

        Assert.NotEmpty(queried);
        Assert.Subset(exported.ToHashSet(StringComparer.Ordinal), queried);
        Assert.Equal(exported.Where(n => n.StartsWith("tokenoptimizer_", StringComparison.Ordinal)).Order(StringComparer.Ordinal), queried.Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task ScrapeWithoutAnUnscopedReadKey_IsRefused()
    {
        Assert.Equal(HttpStatusCode.Unauthorized, await ScrapeStatusAsync(null));
        Assert.Equal(HttpStatusCode.Forbidden, await ScrapeStatusAsync(await host.CreateKeyAsync(Role.Ingest)));
        // The figures cover every team: a team's key would see the others'.
        Assert.Equal(HttpStatusCode.Forbidden, await ScrapeStatusAsync(await host.CreateKeyAsync(Role.Read, team: "support")));
        Assert.Equal(HttpStatusCode.OK, await ScrapeStatusAsync(await host.CreateKeyAsync(Role.Read)));
    }

    // The class's calls; the tests that need them each send them, and a call sent again is a duplicate, stored once.
    private Task SendCallsAsync()
    {
        var now = DateTimeOffset.UtcNow;
        UsageRecorded Call(int n, string provider, string model, string feature, string team, long input, long cached, long output, double latencyMs, bool failed = false) => new()
        {
            RequestId = $"metrics-{n}", OccurredAt = now.AddMinutes(-n - 1), Provider = provider, Model = model, Feature = feature, Team = team,
            InputTokens = input, CachedInputTokens = cached, OutputTokens = output, LatencyMs = latencyMs,
            Outcome = failed ? Outcomes.Failed : Outcomes.Succeeded, ErrorType = failed ? ErrorTypes.Timeout : null,
        };

        return host.RecordAsync(
        [
            Call(1, "openai", "gpt-4o", "support-chat", "support", input: 100_000, cached: 20_000, output: 50_000, latencyMs: 800),
            Call(2, "openai", "gpt-4o", "support-chat", "support", input: 100_000, cached: 20_000, output: 50_000, latencyMs: 1200),
            Call(3, "anthropic", "claude-sonnet-4-5", "code-review", "platform", input: 150_000, cached: 0, output: 40_000, latencyMs: 2000),
            Call(4, "openai", "gpt-4o", "code-review", "platform", input: 40_000, cached: 0, output: 0, latencyMs: 30_000, failed: true),
        ]);
    }

    // Doubles carry the decimal sums to far under a cent at these amounts.
    private static void AssertDollars(decimal expected, double scraped) => Assert.Equal(expected, Math.Round((decimal)scraped, 6));

    private async Task<string> ScrapeTextAsync(string key)
    {
        using var response = await ScrapeAsync(key);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.Content.ReadAsStringAsync();
    }

    private async Task<HttpStatusCode> ScrapeStatusAsync(string? key)
    {
        using var response = await ScrapeAsync(key);
        return response.StatusCode;
    }

    private async Task<HttpResponseMessage> ScrapeAsync(string? key)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/metrics");
        if (key is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", key);
        }

        return await host.Http.SendAsync(request);
    }

    // Every PromQL text in the dashboard: the panels' targets and the template variables' queries, at any depth.
    private static IEnumerable<string> Queries(JsonElement element) => element.ValueKind switch
    {
        JsonValueKind.Object => element.EnumerateObject().SelectMany(p =>
            p.Name is "expr" or "query" && p.Value.ValueKind == JsonValueKind.String ? [p.Value.GetString()!] : Queries(p.Value)),
        JsonValueKind.Array => element.EnumerateArray().SelectMany(Queries),
        _ => [],
    };
}
