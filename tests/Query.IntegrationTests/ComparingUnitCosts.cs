using System.Globalization;
using System.Text.Json;
using TokenOptimizer.Contracts;
using TokenOptimizer.Testing;
using Xunit;

namespace TokenOptimizer.Query.IntegrationTests;

/// <summary>
/// The unit figures seeds 002 and 003 ask for (cost per million tokens and tokens per call, per model and overall), from
/// records sent through Ingestion and priced there from the shipped catalog. Expected figures are worked by hand from the
/// shipped per-token prices: gpt-4o $2.50 in / $10 out per million tokens, gpt-4o-mini $0.15 / $0.60.
/// </summary>
public sealed class ComparingUnitCosts(QueryHost host) : IClassFixture<QueryHost>, IAsyncLifetime
{
    private static readonly DateTimeOffset Today = new(DateTimeOffset.UtcNow.UtcDateTime.Date, TimeSpan.Zero);
    private static readonly DateTimeOffset Yesterday = Today.AddDays(-1);
    private static readonly object Filter = new { from = Yesterday, to = Today };

    public Task InitializeAsync() => host.RecordOnceAsync(() =>
    [
        // 1,000 × 2.5e-6 + 500 × 1e-5 = 0.0025 + 0.005 = 0.0075.
        Call(Yesterday.AddHours(9), "gpt-4o", 1_000, 500),
        // 3,000 × 2.5e-6 + 1,500 × 1e-5 = 0.0075 + 0.015 = 0.0225.
        Call(Yesterday.AddHours(10), "gpt-4o", 3_000, 1_500),
        // 10,000 × 1.5e-7 + 2,000 × 6e-7 = 0.0015 + 0.0012 = 0.0027.
        Call(Yesterday.AddHours(11), "gpt-4o-mini", 10_000, 2_000),
        // 4,000 × 1.5e-7 + 4,000 × 6e-7 = 0.0006 + 0.0024 = 0.003.
        Call(Yesterday.AddHours(12), "gpt-4o-mini", 4_000, 4_000),
    ]);

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task CostBreakdownByModel_HasEachModelsCostPerMillionTokens_AndTokensPerCall()
    {
        var shares = (await host.DataAsync(host.AdminKey, """
            query($filter: UsageFilter) { costBreakdown(by: MODEL, filter: $filter) {
              key costPer1MTokensUsd averageInputTokensPerRequest averageOutputTokensPerRequest } }
            """, new { filter = Filter })).GetProperty("costBreakdown").EnumerateArray().ToDictionary(s => s.GetProperty("key").GetString()!);

        Assert.Equal(["gpt-4o", "gpt-4o-mini"], shares.Keys.Order(StringComparer.Ordinal));
        // gpt-4o: 0.0075 + 0.0225 = 0.03 over 1,500 + 4,500 = 6,000 tokens: 0.03 × 1,000,000 / 6,000 = $5.00 per million;
        // (1,000 + 3,000) / 2 = 2,000 input and (500 + 1,500) / 2 = 1,000 output tokens per call.
        AssertUnitFigures(shares["gpt-4o"], perMillion: 5m, input: 2_000, output: 1_000);
        // gpt-4o-mini: 0.0027 + 0.003 = 0.0057 over 12,000 + 8,000 = 20,000 tokens: 5,700 / 20,000 = $0.285 per million;
        // (10,000 + 4,000) / 2 = 7,000 input and (2,000 + 4,000) / 2 = 3,000 output tokens per call.
        AssertUnitFigures(shares["gpt-4o-mini"], perMillion: 0.285m, input: 7_000, output: 3_000);
    }

    [Fact]
    public async Task Overview_HasTheTokensPerCall()
    {
        var overview = (await host.DataAsync(host.AdminKey, """
            query($filter: UsageFilter) { overview(filter: $filter) { requests totalTokens averageTokensPerRequest } }
            """, new { filter = Filter })).GetProperty("overview");

        // 6,000 + 20,000 = 26,000 tokens over 4 calls: 6,500 per call.
        Assert.Equal((4L, 26_000L), (overview.GetProperty("requests").GetInt64(), overview.GetProperty("totalTokens").GetInt64()));
        Assert.Equal(6_500d, overview.GetProperty("averageTokensPerRequest").GetDouble());
    }

    [Fact]
    public async Task EmptySlice_HasNoUnitFigures_RatherThanZero()
    {
        var data = await host.DataAsync(host.AdminKey, """
            query($filter: UsageFilter) { overview(filter: $filter) { requests averageTokensPerRequest } }
            """, new { filter = new { from = Yesterday, to = Today, models = new[] { "a-model-never-called" } } });

        var overview = data.GetProperty("overview");
        Assert.Equal(0L, overview.GetProperty("requests").GetInt64());
        Assert.Equal(JsonValueKind.Null, overview.GetProperty("averageTokensPerRequest").ValueKind);
    }

    [Fact]
    public async Task CostBreakdownCsv_HasTheUnitColumns()
    {
        using var response = await host.Http.ExportAsync(host.AdminKey,
            $"/export/cost-breakdown.csv?by=model&from={ExportRequests.Iso(Yesterday)}&to={ExportRequests.Iso(Today)}");

        var rows = CsvFile.Rows(await response.Content.ReadAsStringAsync()).ToDictionary(r => r["model"]);
        // The figures worked out above for GraphQL.
        Assert.Equal((5m, 2_000m, 1_000m), Columns(rows["gpt-4o"]));
        Assert.Equal((0.285m, 7_000m, 3_000m), Columns(rows["gpt-4o-mini"]));
    }

    private static (decimal, decimal, decimal) Columns(Dictionary<string, string> row) =>
        (Number(row["cost_per_1m_tokens_usd"]), Number(row["average_input_tokens_per_request"]), Number(row["average_output_tokens_per_request"]));

    private static decimal Number(string cell) => decimal.Parse(cell, CultureInfo.InvariantCulture);

    private static void AssertUnitFigures(JsonElement share, decimal perMillion, double input, double output)
    {
        Assert.Equal(perMillion, decimal.Parse(share.GetProperty("costPer1MTokensUsd").GetString()!, CultureInfo.InvariantCulture));
        Assert.Equal((input, output), (share.GetProperty("averageInputTokensPerRequest").GetDouble(), share.GetProperty("averageOutputTokensPerRequest").GetDouble()));
    }

    private static UsageRecorded Call(DateTimeOffset at, string model, long input, long output) => new()
    {
        RequestId = "req-" + Guid.NewGuid().ToString("N"), OccurredAt = at, Provider = "openai", Model = model, Feature = "summarisation",
        Team = "sales", Environment = "production", InputTokens = input, OutputTokens = output, LatencyMs = 400, Outcome = Outcomes.Succeeded,
    };
}
