using System.Globalization;
using System.Text.Json;
using TokenOptimizer.Contracts;
using TokenOptimizer.Testing;
using Xunit;

namespace TokenOptimizer.Query.IntegrationTests;

/// <summary>
/// Revenue, margin and the provider's reported cost against ours, from records sent through Ingestion (priced there
/// from the shipped catalog), rolled up by Aggregation and answered by Query. Expected figures are worked by hand from
/// the shipped per-token prices: gpt-4o $2.50 in / $10 out per million tokens, gpt-4o-mini $0.15 / $0.60.
/// </summary>
public sealed class ReportingRevenueAndReportedCost(QueryHost host) : IClassFixture<QueryHost>, IAsyncLifetime
{
    private const string Unpriced = "house-llm-1";

    private static readonly DateTimeOffset Today = new(DateTimeOffset.UtcNow.UtcDateTime.Date, TimeSpan.Zero);
    private static readonly DateTimeOffset DayA = Today.AddDays(-1);
    private static readonly DateTimeOffset DayB = Today.AddDays(-2);
    private static readonly object Filter = new { from = DayB, to = Today, features = new[] { "chat", "search" } };

    public Task InitializeAsync() => host.RecordOnceAsync(() =>
    [
        // Our cost: 1,000 × 2.5e-6 + 500 × 1e-5 = 0.0025 + 0.005 = 0.0075.
        Call(DayA.AddHours(10), "gpt-4o", "chat", 1_000, 500, billed: 0.02m, reported: 0.0080m),
        // 2,000 × 2.5e-6 + 1,000 × 1e-5 = 0.005 + 0.01 = 0.015.
        Call(DayA.AddHours(11), "gpt-4o", "chat", 2_000, 1_000, billed: 0.03m, reported: null),
        // 10,000 × 1.5e-7 + 2,000 × 6e-7 = 0.0015 + 0.0012 = 0.0027.
        Call(DayA.AddHours(12), "gpt-4o-mini", "search", 10_000, 2_000, billed: 0.005m, reported: 0.0027m),
        // 4,000 × 1.5e-7 + 1,000 × 6e-7 = 0.0006 + 0.0006 = 0.0012, and neither billed nor reported.
        Call(DayA.AddHours(13), "gpt-4o-mini", "search", 4_000, 1_000, billed: null, reported: null),
        // A model the catalog lacks: billed and reported, but with no cost of ours to set against either.
        Call(DayA.AddHours(14), Unpriced, "chat", 1_000, 100, billed: 0.01m, reported: 0.004m),
        // 4,000 × 2.5e-6 + 1,000 × 1e-5 = 0.01 + 0.01 = 0.02.
        Call(DayB.AddHours(9), "gpt-4o", "chat", 4_000, 1_000, billed: 0.05m, reported: 0.0195m),
    ]);

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task Overview_SumsTheBilledAmounts_AndTheMarginOverTheBilledCallsWePriced()
    {
        var overview = (await host.DataAsync(host.AdminKey, """
            query($filter: UsageFilter) { overview(filter: $filter) {
              totalCostUsd revenueUsd billedRequests marginRequests marginUsd marginPercent revenuePerRequestUsd marginPerRequestUsd } }
            """, new { filter = Filter })).GetProperty("overview");

        // Cost: 0.0075 + 0.015 + 0.0027 + 0.0012 + 0.02 = 0.0464 (the unpriced call adds none).
        Assert.Equal(0.0464m, Money(overview, "totalCostUsd"));
        // Revenue: 0.02 + 0.03 + 0.005 + 0.01 + 0.05 = 0.115 over the five billed calls.
        Assert.Equal((0.115m, 5L, 4L), (Money(overview, "revenueUsd"), overview.GetProperty("billedRequests").GetInt64(), overview.GetProperty("marginRequests").GetInt64()));
        // Margin over the four billed calls we priced: revenue 0.105 − cost (0.0075 + 0.015 + 0.0027 + 0.02 = 0.0452) = 0.0598;
        // 0.0598 / 0.105 = 56.952…% → 56.95.
        Assert.Equal(0.0598m, Money(overview, "marginUsd"));
        Assert.Equal(56.95m, Money(overview, "marginPercent"));
        // Per call: 0.115 / 5 = 0.023 revenue; 0.0598 / 4 = 0.01495 margin.
        Assert.Equal((0.023m, 0.01495m), (Money(overview, "revenuePerRequestUsd"), Money(overview, "marginPerRequestUsd")));
    }

    [Fact]
    public async Task CostBreakdownByModel_HasEachModelsRevenueAndMargin_NullMarginWhereNothingWasPriced()
    {
        var shares = (await host.DataAsync(host.AdminKey, """
            query($filter: UsageFilter) { costBreakdown(by: MODEL, filter: $filter) { key revenueUsd billedRequests marginRequests marginUsd marginPercent } }
            """, new { filter = Filter })).GetProperty("costBreakdown").EnumerateArray().ToDictionary(s => s.GetProperty("key").GetString()!);

        Assert.Equal(["gpt-4o", "gpt-4o-mini", Unpriced], shares.Keys.Order(StringComparer.Ordinal));
        // gpt-4o: revenue 0.02 + 0.03 + 0.05 = 0.10, cost 0.0075 + 0.015 + 0.02 = 0.0425, margin 0.0575 = 57.50%.
        AssertRevenue(shares["gpt-4o"], 0.10m, billed: 3, margined: 3, margin: 0.0575m, percent: 57.50m);
        // gpt-4o-mini: one billed call, 0.005 − 0.0027 = 0.0023 = 46.00%.
        AssertRevenue(shares["gpt-4o-mini"], 0.005m, billed: 1, margined: 1, margin: 0.0023m, percent: 46.00m);
        // The unpriced model's revenue counts, but it has no margin rather than a 100% one.
        AssertRevenue(shares[Unpriced], 0.01m, billed: 1, margined: 0, margin: null, percent: null);
    }

    [Fact]
    public async Task DailySeries_HasEachDaysRevenueAndMargin()
    {
        var points = (await host.DataAsync(host.AdminKey, """
            query($filter: UsageFilter) { timeSeries(filter: $filter, granularity: DAY) { bucketStart revenueUsd billedRequests marginRequests marginUsd marginPercent } }
            """, new { filter = Filter })).GetProperty("timeSeries").EnumerateArray().ToList();

        Assert.Equal([DayB, DayA], points.Select(p => p.GetProperty("bucketStart").GetDateTimeOffset()));
        // Day B: the one gpt-4o call, 0.05 − 0.02 = 0.03 = 60.00%.
        AssertRevenue(points[0], 0.05m, billed: 1, margined: 1, margin: 0.03m, percent: 60.00m);
        // Day A: revenue 0.02 + 0.03 + 0.005 + 0.01 = 0.065; margin over the priced three: 0.055 − 0.0252 = 0.0298 = 54.1818…% → 54.18.
        AssertRevenue(points[1], 0.065m, billed: 4, margined: 3, margin: 0.0298m, percent: 54.18m);
    }

    [Fact]
    public async Task ReportedCostDifferences_CompareTheProvidersFigureWithOursPerDayAndModel()
    {
        var rows = (await host.DataAsync(host.AdminKey, """
            query($filter: UsageFilter) { reportedCostDifferences(filter: $filter) {
              day provider model reportedRequests comparedRequests reportedCostUsd computedCostUsd differenceUsd differencePercent } }
            """, new { filter = Filter })).GetProperty("reportedCostDifferences").EnumerateArray().ToList();

        Assert.Equal([(DayB, "gpt-4o"), (DayA, "gpt-4o"), (DayA, "gpt-4o-mini"), (DayA, Unpriced)],
            rows.Select(r => (r.GetProperty("day").GetDateTimeOffset(), r.GetProperty("model").GetString())));
        // Day B, gpt-4o: reported 0.0195 against our 0.02: −0.0005, −0.0005 / 0.02 = −2.50%.
        AssertDifference(rows[0], reported: 1, compared: 1, 0.0195m, 0.02m, -0.0005m, -2.50m);
        // Day A, gpt-4o: only the first call reported: 0.0080 against 0.0075: +0.0005, 6.666…% → 6.67.
        AssertDifference(rows[1], reported: 1, compared: 1, 0.0080m, 0.0075m, 0.0005m, 6.67m);
        // Day A, gpt-4o-mini: the provider agrees with our price list.
        AssertDifference(rows[2], reported: 1, compared: 1, 0.0027m, 0.0027m, 0m, 0m);
        // Day A, the unpriced model: reported, but nothing of ours to compare it with.
        AssertDifference(rows[3], reported: 1, compared: 0, 0m, 0m, 0m, null);
    }

    [Fact]
    public async Task CostBreakdownCsv_HasTheRevenueColumns()
    {
        using var response = await host.Http.ExportAsync(host.AdminKey,
            $"/export/cost-breakdown.csv?by=feature&from={ExportRequests.Iso(DayB)}&to={ExportRequests.Iso(Today)}&features=chat,search");

        var rows = CsvFile.Rows(await response.Content.ReadAsStringAsync()).ToDictionary(r => r["feature"]);
        // chat: revenue 0.02 + 0.03 + 0.01 + 0.05 = 0.11 over four billed calls; margin over the three priced: 0.10 − 0.0425 = 0.0575.
        Assert.Equal(("0.11", "4", "3", "0.0575", "57.5"), Columns(rows["chat"]));
        // search: 0.005 − 0.0027 = 0.0023 on its one billed call.
        Assert.Equal(("0.005", "1", "1", "0.0023", "46"), Columns(rows["search"]));
    }

    private static (string, string, string, string, string) Columns(Dictionary<string, string> row) =>
        (Normal(row["revenue_usd"]), row["billed_requests"], row["margin_requests"], Normal(row["margin_usd"]), Normal(row["margin_percent"]));

    // Decimals keep the scale of their terms (a sum may read 0.1100): compared as numbers, written without trailing zeros.
    private static string Normal(string number) => decimal.Parse(number, CultureInfo.InvariantCulture).ToString("0.############", CultureInfo.InvariantCulture);

    private static void AssertRevenue(JsonElement figures, decimal revenue, long billed, long margined, decimal? margin, decimal? percent)
    {
        Assert.Equal(revenue, Money(figures, "revenueUsd"));
        Assert.Equal((billed, margined), (figures.GetProperty("billedRequests").GetInt64(), figures.GetProperty("marginRequests").GetInt64()));
        Assert.Equal((margin, percent), (OptionalMoney(figures, "marginUsd"), OptionalMoney(figures, "marginPercent")));
    }

    private static void AssertDifference(JsonElement row, long reported, long compared, decimal reportedUsd, decimal computedUsd, decimal difference, decimal? percent)
    {
        Assert.Equal("openai", row.GetProperty("provider").GetString());
        Assert.Equal((reported, compared), (row.GetProperty("reportedRequests").GetInt64(), row.GetProperty("comparedRequests").GetInt64()));
        Assert.Equal((reportedUsd, computedUsd, difference), (Money(row, "reportedCostUsd"), Money(row, "computedCostUsd"), Money(row, "differenceUsd")));
        Assert.Equal(percent, OptionalMoney(row, "differencePercent"));
    }

    private static decimal Money(JsonElement parent, string field) => OptionalMoney(parent, field) ?? throw new Xunit.Sdk.XunitException($"{field} is null");

    private static decimal? OptionalMoney(JsonElement parent, string field) =>
        parent.GetProperty(field) is { ValueKind: JsonValueKind.String } value ? decimal.Parse(value.GetString()!, CultureInfo.InvariantCulture) : null;

    private static UsageRecorded Call(DateTimeOffset at, string model, string feature, long input, long output, decimal? billed, decimal? reported) => new()
    {
        RequestId = "req-" + Guid.NewGuid().ToString("N"), OccurredAt = at, Provider = "openai", Model = model, Feature = feature,
        Team = "sales", Environment = "production", InputTokens = input, OutputTokens = output, LatencyMs = 400, Outcome = Outcomes.Succeeded,
        BilledAmountUsd = billed, ReportedCostUsd = reported,
    };
}
