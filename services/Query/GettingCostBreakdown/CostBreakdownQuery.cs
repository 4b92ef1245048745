using TokenOptimizer.ReadModels;

namespace TokenOptimizer.Query.GettingCostBreakdown;

/// <summary>
/// Cost per value of one dimension, most expensive first, from the rollups, or from the caller rollup (whole UTC days) for a
/// split by user or API key and for a slice that filters on them. Revenue comes from the rollups only: the caller rollup
/// keeps none, so those splits answer it null.
/// </summary>
public sealed class CostBreakdownQuery(UsageRollupReader rollups, UserRollupReader callers)
{
    public async Task<IReadOnlyList<CostShare>> GetAsync(UsageSlice slice, Dimension by, DatabaseTurns turns, CancellationToken cancellationToken)
    {
        // Both periods at once, each on its own connection (as the request's turns allow), as the overview's sums.
        var currentSums = SumsAsync(slice, by, turns, cancellationToken);
        var previousSums = SumsAsync(slice.Previous(), by, turns, cancellationToken);
        var revenueSums = FromCallers(slice, by) ? null : rollups.RevenueByAsync(slice, by, turns, cancellationToken);
        await Task.WhenAll(currentSums, previousSums, revenueSums ?? Task.CompletedTask);
        var current = await currentSums;
        var previous = await previousSums;
        var revenue = revenueSums is null ? null : await revenueSums;
        var total = current.Values.Sum(s => s.CostUsd);
        return current.Select(pair =>
            {
                var (key, sums) = pair;
                var before = previous.GetValueOrDefault(key)?.CostUsd ?? 0;
                return new CostShare
                {
                    Key = key, CostUsd = sums.CostUsd, Share = total == 0 ? 0 : Math.Round(sums.CostUsd / total, 6),
                    Requests = sums.Requests, InputTokens = sums.InputTokens, OutputTokens = sums.OutputTokens, UnpricedRequests = sums.UnpricedRequests,
                    CostPerRequestUsd = sums.PricedRequests == 0 ? null : sums.CostUsd / sums.PricedRequests,
                    PreviousCostUsd = before, TrendPercent = before == 0 ? null : Math.Round((sums.CostUsd - before) / before * 100, 2),
                    Revenue = revenue?.GetValueOrDefault(key),
                };
            })
            .OrderByDescending(s => s.CostUsd).ThenByDescending(s => s.Requests).ThenBy(s => s.Key, StringComparer.Ordinal)
            .ToList();
    }

    private static bool FromCallers(UsageSlice slice, Dimension by) => by.DailyOnly || slice.NamesCallers;

    private Task<Dictionary<string, CostSums>> SumsAsync(UsageSlice slice, Dimension by, DatabaseTurns turns, CancellationToken cancellationToken) =>
        FromCallers(slice, by) ? callers.CostByAsync(slice, by, turns, cancellationToken) : rollups.CostByAsync(slice, by, turns, cancellationToken);
}
