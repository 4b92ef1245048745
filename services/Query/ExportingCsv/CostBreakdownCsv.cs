using TokenOptimizer.Query.GettingCostBreakdown;
using TokenOptimizer.ReadModels;

namespace TokenOptimizer.Query.ExportingCsv;

/// <summary>
/// <c>costBreakdown</c> as CSV: the same <see cref="CostBreakdownQuery"/>, so both give the same figures. The first
/// column is named for the dimension (<c>model</c>, <c>team</c>, …); empty cells are figures GraphQL gives as null.
/// </summary>
public static class CostBreakdownCsv
{
    public static async Task WriteAsync(CostBreakdownQuery breakdowns, UsageSlice slice, Dimension by, CsvWriter csv, CancellationToken cancellationToken)
    {
        // One export, one command at a time.
        var shares = await breakdowns.GetAsync(slice, by, new DatabaseTurns(1), cancellationToken);
        await csv.Names([
            by.Name.ToLowerInvariant(), "cost_usd", "share", "requests", "input_tokens", "output_tokens", "total_tokens",
            "unpriced_requests", "cost_per_request_usd", "previous_cost_usd", "trend_percent",
            "revenue_usd", "billed_requests", "margin_requests", "margin_usd", "margin_percent", "revenue_per_request_usd", "margin_per_request_usd",
            "cost_per_1m_tokens_usd", "average_input_tokens_per_request", "average_output_tokens_per_request",
        ]).EndRowAsync(cancellationToken);
        foreach (var share in shares)
        {
            await csv.Text(share.Key).Number(share.CostUsd).Number(share.Share).Number(share.Requests)
                .Number(share.InputTokens).Number(share.OutputTokens).Number(share.TotalTokens).Number(share.UnpricedRequests)
                .Number(share.CostPerRequestUsd).Number(share.PreviousCostUsd).Number(share.TrendPercent)
                .Number(share.Revenue?.RevenueUsd).Number(share.Revenue?.BilledRequests).Number(share.Revenue?.MarginRequests)
                .Number(share.Revenue?.MarginUsd).Number(share.Revenue?.MarginPercent)
                .Number(share.Revenue?.RevenuePerRequestUsd).Number(share.Revenue?.MarginPerRequestUsd)
                .Number(share.CostPer1MTokensUsd).Number(share.AverageInputTokensPerRequest).Number(share.AverageOutputTokensPerRequest)
                .EndRowAsync(cancellationToken);
        }
    }
}
