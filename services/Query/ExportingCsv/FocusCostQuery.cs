using System.Globalization;
using System.Text.Json;
using Microsoft.Extensions.Options;
using TokenOptimizer.Query.Serving;
using TokenOptimizer.ReadModels;

namespace TokenOptimizer.Query.ExportingCsv;

/// <summary>
/// A slice's cost as a FinOps FOCUS 1.2 cost-and-usage file: one row per UTC day, provider, model and team, read
/// from the same rollups as <c>costBreakdown</c> (day rows, with the range's partial edge days from finer rows), so
/// per provider, model or team the rows add up to its figures. What each column means here:
/// <list type="bullet">
/// <item><c>BilledCost</c>, <c>EffectiveCost</c>, <c>ListCost</c>, <c>ContractedCost</c>: all the cost priced at
/// ingestion from the model catalog's list prices. We know of no discounts or commitments, so the four are equal.</item>
/// <item><c>PricingQuantity</c>/<c>ConsumedQuantity</c>: input plus output tokens, unit <c>Tokens</c>. Input and output
/// tokens have different prices, so no single unit price exists and the unit-price columns are left out.</item>
/// <item><c>ChargePeriodStart</c>/<c>End</c>: the UTC day, cut to the export's range at its edges;
/// <c>BillingPeriodStart</c>/<c>End</c>: the UTC calendar month holding it.</item>
/// <item><c>BillingAccountId</c>/<c>Name</c>: from <c>Query:FocusBillingAccountId</c>/<c>Name</c> (we do not know the
/// provider accounts); <c>ChargeClass</c>: empty, as the specification says for a regular charge (not a correction).</item>
/// <item>Unpriced calls (a model without a price) add nothing to the costs; the row counts them in
/// <c>x_UnpricedRequests</c>, a custom column (FOCUS prefixes those with <c>x_</c>), beside <c>x_Requests</c>.</item>
/// <item>What customers were billed for the calls (their <c>billedAmountUsd</c>) is ours, not the provider's: custom
/// columns <c>x_BilledRequests</c>, <c>x_Revenue</c> and <c>x_Margin</c> (revenue minus cost over the billed calls we
/// could price; empty when there are none), as <c>costBreakdown</c>'s revenue fields.</item>
/// </list>
/// </summary>
public sealed class FocusCostQuery(UsageRollupReader rollups, IOptions<QueryOptions> options)
{
    public const string ServiceCategory = "AI and Machine Learning";
    public const string ServiceSubcategory = "Generative AI";
    public const string Unit = "Tokens";

    public static readonly string[] Columns =
    [
        "BilledCost", "EffectiveCost", "ListCost", "ContractedCost", "BillingCurrency",
        "BillingAccountId", "BillingAccountName",
        "BillingPeriodStart", "BillingPeriodEnd", "ChargePeriodStart", "ChargePeriodEnd",
        "ChargeCategory", "ChargeClass", "ChargeFrequency", "ChargeDescription",
        "PricingQuantity", "PricingUnit", "ConsumedQuantity", "ConsumedUnit",
        "ProviderName", "PublisherName", "InvoiceIssuerName",
        "ServiceCategory", "ServiceSubcategory", "ServiceName", "ResourceId", "ResourceName", "ResourceType", "SkuId",
        "Tags", "x_Requests", "x_UnpricedRequests", "x_BilledRequests", "x_Revenue", "x_Margin",
    ];

    public async Task WriteAsync(UsageSlice slice, CsvWriter csv, CancellationToken cancellationToken)
    {
        var account = (options.Value.FocusBillingAccountId, options.Value.FocusBillingAccountName);
        await csv.Names(Columns).EndRowAsync(cancellationToken);
        await foreach (var row in rollups.DailyCostsAsync(slice, cancellationToken))
        {
            var (day, provider, model, team) = (row.Day, row.Provider, row.Model, row.Team);
            var (requests, input, output, unpriced, cost) = (row.Requests, row.InputTokens, row.OutputTokens, row.UnpricedRequests, row.CostUsd);
            var month = new DateTime(day.Year, day.Month, 1, 0, 0, 0, DateTimeKind.Utc);
            await csv.Number(cost).Number(cost).Number(cost).Number(cost).Text("USD")
                .Text(account.FocusBillingAccountId).Text(account.FocusBillingAccountName)
                .Instant(month).Instant(month.AddMonths(1))
                .Instant(Later(day, slice.From.UtcDateTime)).Instant(Earlier(day.AddDays(1), slice.To.UtcDateTime))
                .Text("Usage").Text(null).Text("Usage-Based")
                .Text(string.Create(CultureInfo.InvariantCulture, $"{requests} calls to {model} ({provider}): {input} input and {output} output tokens"))
                .Number(input + output).Text(Unit).Number(input + output).Text(Unit)
                .Text(provider).Text(provider).Text(provider)
                .Text(ServiceCategory).Text(ServiceSubcategory).Text(model).Text($"{provider}/{model}").Text(model).Text("Model").Text($"{provider}/{model}")
                .Text(JsonSerializer.Serialize(team.Length == 0 ? new Dictionary<string, string>() : new Dictionary<string, string> { ["team"] = team }))
                .Number(requests).Number(unpriced)
                .Number(row.Revenue.BilledRequests).Number(row.Revenue.RevenueUsd).Number(row.Revenue.MarginUsd)
                .EndRowAsync(cancellationToken);
        }
    }

    private static DateTime Later(DateTime a, DateTime b) => a > b ? a : b;

    private static DateTime Earlier(DateTime a, DateTime b) => a < b ? a : b;
}
