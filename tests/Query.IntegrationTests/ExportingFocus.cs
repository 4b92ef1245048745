using System.Globalization;
using System.Net;
using System.Text.Json;
using TokenOptimizer.Access;
using TokenOptimizer.Testing;
using TokenOptimizer.UsageLog;
using Xunit;
using static TokenOptimizer.Testing.ExportRequests;

namespace TokenOptimizer.Query.IntegrationTests;

/// <summary>The FOCUS export: the specification's column names, and costs that add up to the GraphQL breakdown and to the calls.</summary>
public sealed class ExportingFocus(QueryHost host) : IClassFixture<QueryHost>, IAsyncLifetime
{
    // FOCUS 1.2's columns, as the specification names them: every column of the export but the x_ ones must be one.
    private static readonly HashSet<string> FocusColumns =
    [
        "AvailabilityZone", "BilledCost", "BillingAccountId", "BillingAccountName", "BillingAccountType", "BillingCurrency",
        "BillingPeriodEnd", "BillingPeriodStart", "CapacityReservationId", "CapacityReservationStatus", "ChargeCategory", "ChargeClass",
        "ChargeDescription", "ChargeFrequency", "ChargePeriodEnd", "ChargePeriodStart", "CommitmentDiscountCategory", "CommitmentDiscountId",
        "CommitmentDiscountName", "CommitmentDiscountQuantity", "CommitmentDiscountStatus", "CommitmentDiscountType", "CommitmentDiscountUnit",
        "ConsumedQuantity", "ConsumedUnit", "ContractedCost", "ContractedUnitPrice", "EffectiveCost", "InvoiceId", "InvoiceIssuerName",
        "ListCost", "ListUnitPrice", "PricingCategory", "PricingCurrency", "PricingCurrencyContractedUnitPrice", "PricingCurrencyEffectiveCost",
        "PricingCurrencyListUnitPrice", "PricingQuantity", "PricingUnit", "ProviderName", "PublisherName", "RegionId", "RegionName",
        "ResourceId", "ResourceName", "ResourceType", "ServiceCategory", "ServiceName", "ServiceSubcategory", "SkuId", "SkuMeter",
        "SkuPriceDetails", "SkuPriceId", "SubAccountId", "SubAccountName", "SubAccountType", "Tags",
    ];

    private static readonly string[] CostColumns = ["BilledCost", "EffectiveCost", "ListCost", "ContractedCost"];

    // Mid-day, so the first and last days of the range are partial days.
    private static readonly DateTimeOffset From = new DateTimeOffset(DateTimeOffset.UtcNow.UtcDateTime.Date, TimeSpan.Zero).AddDays(-4).AddHours(13).AddMinutes(17);
    private static readonly DateTimeOffset To = From.AddDays(3);
    private static readonly List<UsageIngested> Records = TestUsage.Generate(2_000, seed: 47, from: From, span: To - From);

    public Task InitializeAsync() => host.FeedOnceAsync(() => Records);

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task Columns_AreTheSpecificationsNames()
    {
        using var response = await host.Http.ExportAsync(host.AdminKey, $"/export/focus.csv?from={Iso(From)}&to={Iso(To)}");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/csv; charset=utf-8", response.Content.Headers.ContentType?.ToString());
        var header = (await response.Content.ReadAsStringAsync()).Split("\r\n")[0].Split(',');
        Assert.All(header.Where(c => !c.StartsWith("x_", StringComparison.Ordinal)), c => Assert.Contains(c, FocusColumns));
        // Every column FOCUS 1.2 requires is there (and the recommended ones we can fill).
        Assert.Superset(new HashSet<string>(["BilledCost", "EffectiveCost", "ListCost", "ContractedCost", "BillingCurrency",
            "BillingAccountId", "BillingAccountName", "ChargeClass", "BillingPeriodStart", "BillingPeriodEnd", "ChargePeriodStart", "ChargePeriodEnd", "ChargeCategory", "ChargeDescription",
            "PricingQuantity", "PricingUnit", "ConsumedQuantity", "ConsumedUnit", "ProviderName", "PublisherName", "InvoiceIssuerName",
            "ServiceCategory", "ServiceName", "ResourceId", "ResourceName", "Tags"]), header.ToHashSet());
    }

    [Theory]
    [InlineData("PROVIDER")]
    [InlineData("MODEL")]
    [InlineData("TEAM")]
    public async Task Totals_EqualTheCostBreakdownAndTheCalls(string by)
    {
        using var response = await host.Http.ExportAsync(host.AdminKey, $"/export/focus.csv?from={Iso(From)}&to={Iso(To)}");
        var rows = CsvFile.Rows(await response.Content.ReadAsStringAsync());
        var data = await host.DataAsync(host.AdminKey, """
            query($by: Dimension!, $filter: UsageFilter) { costBreakdown(by: $by, filter: $filter) { key costUsd requests totalTokens unpricedRequests revenueUsd } }
            """, new { by, filter = new { from = From, to = To } });

        Func<Dictionary<string, string>, string> exportKey = by switch
        {
            "PROVIDER" => r => r["ProviderName"],
            "MODEL" => r => r["ResourceName"],
            _ => r => JsonDocument.Parse(r["Tags"]).RootElement.TryGetProperty("team", out var team) ? team.GetString()! : "",
        };
        Func<UsageIngested, string> recordKey = by switch
        {
            "PROVIDER" => r => r.Usage.Provider,
            "MODEL" => r => r.Usage.Model,
            _ => r => r.Usage.Team ?? "",
        };
        var breakdown = data.GetProperty("costBreakdown").EnumerateArray().ToDictionary(s => s.GetProperty("key").GetString()!);
        var exported = rows.GroupBy(exportKey).ToDictionary(g => g.Key, g => g.ToList());
        var fed = Records.GroupBy(recordKey).ToDictionary(g => g.Key, g => g.ToList());
        Assert.True(fed.Count > 1 && Records.Any(r => !r.Cost.Priced), "several values, and some unpriced calls");
        Assert.Equal(fed.Keys.Order(StringComparer.Ordinal), exported.Keys.Order(StringComparer.Ordinal));
        Assert.Equal(fed.Keys.Order(StringComparer.Ordinal), breakdown.Keys.Order(StringComparer.Ordinal));
        foreach (var (key, calls) in fed)
        {
            var cost = calls.Where(c => c.Cost.Priced).Sum(c => c.Cost.TotalUsd);
            Assert.Equal(cost, decimal.Parse(breakdown[key].GetProperty("costUsd").ToString(), CultureInfo.InvariantCulture));
            foreach (var column in CostColumns)
            {
                Assert.Equal(cost, exported[key].Sum(r => Decimal(r[column])));
            }

            Assert.Equal(calls.Count, exported[key].Sum(r => long.Parse(r["x_Requests"], CultureInfo.InvariantCulture)));
            Assert.Equal(calls.Count(c => !c.Cost.Priced), exported[key].Sum(r => long.Parse(r["x_UnpricedRequests"], CultureInfo.InvariantCulture)));
            Assert.Equal(breakdown[key].GetProperty("unpricedRequests").GetInt64(), exported[key].Sum(r => long.Parse(r["x_UnpricedRequests"], CultureInfo.InvariantCulture)));
            Assert.Equal(calls.Sum(c => c.Usage.InputTokens + c.Usage.OutputTokens), exported[key].Sum(r => Decimal(r["PricingQuantity"])));
            Assert.Equal(breakdown[key].GetProperty("totalTokens").GetInt64(), exported[key].Sum(r => Decimal(r["ConsumedQuantity"])));

            // Revenue is every billed amount; margin is billed minus our cost over the billed calls that were priced (empty where a row has none).
            var billed = calls.Where(c => c.Usage.BilledAmountUsd is not null).ToList();
            Assert.Equal(billed.Count, exported[key].Sum(r => long.Parse(r["x_BilledRequests"], CultureInfo.InvariantCulture)));
            Assert.Equal(billed.Sum(c => c.Usage.BilledAmountUsd!.Value), exported[key].Sum(r => Decimal(r["x_Revenue"])));
            Assert.Equal(Decimal(breakdown[key].GetProperty("revenueUsd").GetString()!), exported[key].Sum(r => Decimal(r["x_Revenue"])));
            Assert.Equal(billed.Where(c => c.Cost.Priced).Sum(c => c.Usage.BilledAmountUsd!.Value - c.Cost.TotalUsd),
                exported[key].Where(r => r["x_Margin"].Length > 0).Sum(r => Decimal(r["x_Margin"])));
        }
    }

    [Fact]
    public async Task Rows_AreDaysOfOneProviderModelAndTeam_InsideTheRange()
    {
        using var response = await host.Http.ExportAsync(host.AdminKey, $"/export/focus.csv?from={Iso(From)}&to={Iso(To)}");

        Assert.Equal($"attachment; filename=\"focus-{Stamp(From)}-{Stamp(To)}.csv\"", response.Content.Headers.ContentDisposition?.ToString());
        var rows = CsvFile.Rows(await response.Content.ReadAsStringAsync());
        Assert.Equal(rows.Count, rows.Select(r => (r["ChargePeriodStart"], r["ProviderName"], r["ResourceName"], r["Tags"])).Distinct().Count());
        Assert.Equal(4, rows.Select(r => r["ChargePeriodStart"]).Distinct().Count()); // three days from mid-day touch four UTC days
        foreach (var row in rows)
        {
            var (start, end) = (Instant(row["ChargePeriodStart"]), Instant(row["ChargePeriodEnd"]));
            var dayStart = new DateTimeOffset(start.UtcDateTime.Date, TimeSpan.Zero);
            Assert.Equal(start == From ? From : dayStart, start);
            Assert.Equal(end == To ? To : dayStart.AddDays(1), end);
            Assert.Equal(new DateTimeOffset(start.Year, start.Month, 1, 0, 0, 0, TimeSpan.Zero), Instant(row["BillingPeriodStart"]));
            Assert.Equal(Instant(row["BillingPeriodStart"]).AddMonths(1), Instant(row["BillingPeriodEnd"]));
            Assert.Equal(("USD", "Usage", "AI and Machine Learning", "Tokens", "Tokens"),
                (row["BillingCurrency"], row["ChargeCategory"], row["ServiceCategory"], row["PricingUnit"], row["ConsumedUnit"]));
            Assert.Equal((row["ProviderName"], row["ProviderName"]), (row["PublisherName"], row["InvoiceIssuerName"]));
            Assert.Equal(("tokenoptimizer", "TokenOptimizer", ""), (row["BillingAccountId"], row["BillingAccountName"], row["ChargeClass"]));
        }
    }

    [Fact]
    public async Task TeamScopedKey_ExportsItsTeamOnly()
    {
        var team = Records.GroupBy(r => r.Usage.Team).OrderByDescending(g => g.Count()).First().Key!;
        var teamKey = await host.CreateKeyAsync(Role.Read, team);

        using var response = await host.Http.ExportAsync(teamKey, $"/export/focus.csv?from={Iso(From)}&to={Iso(To)}");

        var rows = CsvFile.Rows(await response.Content.ReadAsStringAsync());
        Assert.All(rows, r => Assert.Equal(JsonSerializer.Serialize(new { team }), r["Tags"]));
        Assert.Equal(Records.Where(r => r.Usage.Team == team).Sum(r => r.Cost.Priced ? r.Cost.TotalUsd : 0), rows.Sum(r => Decimal(r["BilledCost"])));
    }

    [Theory]
    [InlineData("from=yesterday", "from")]
    [InlineData("range=LAST_YEAR", "range")]
    [InlineData("teams=", "teams")]
    [InlineData("by=model", "by")]
    public async Task BadParameter_IsRefusedNamingIt(string query, string parameter)
    {
        using var response = await host.Http.ExportAsync(host.AdminKey, "/export/focus.csv?" + query);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal([parameter], problem.GetProperty("errors").EnumerateObject().Select(p => p.Name));
    }

    private static decimal Decimal(string text) => decimal.Parse(text, NumberStyles.Number, CultureInfo.InvariantCulture);

    private static DateTimeOffset Instant(string text) => DateTimeOffset.Parse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal);
}
