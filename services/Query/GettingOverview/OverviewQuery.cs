using TokenOptimizer.ReadModels;

namespace TokenOptimizer.Query.GettingOverview;

/// <summary>
/// The overview from the rollups, with the advice's totals from the recommendation list. Projections: the run rate is
/// the slice's filters over the last 7 days, per day; month-end = month-to-date spend + run rate × the days left in the
/// (UTC) month; annual = run rate × 365.
/// </summary>
public sealed class OverviewQuery(UsageRollupReader rollups, RecommendationListReader recommendations, TimeProvider clock)
{
    public async Task<Overview> GetAsync(UsageSlice slice, DatabaseTurns turns, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var monthStart = new DateTimeOffset(now.Year, now.Month, 1, 0, 0, 0, TimeSpan.Zero);
        var minuteEnd = RollupRanges.Ceiling(now, TimeSpan.FromMinutes(1));
        // Four independent sums, each on its own connection (as the request's turns allow): PostgreSQL works on them side by side.
        // Merging latency sketches is the costly part: only the period itself needs them.
        var current = rollups.TotalsAsync(slice, withLatency: true, turns, cancellationToken);
        var before = rollups.TotalsAsync(slice.Previous(), withLatency: false, turns, cancellationToken);
        var month = rollups.TotalsAsync(slice.Between(monthStart, minuteEnd), withLatency: false, turns, cancellationToken);
        var week = rollups.TotalsAsync(slice.Between(minuteEnd.AddDays(-7), minuteEnd), withLatency: false, turns, cancellationToken);
        // Advice covers every team's traffic: a team-scoped key gets none of its totals.
        var advice = slice.ScopeTeam is null ? recommendations.TotalsAsync(turns, cancellationToken) : Task.FromResult<RecommendationTotals?>(null);
        await Task.WhenAll(current, before, month, week, advice);
        var totals = await current;
        var previous = (await before).CostUsd;
        var monthToDate = (await month).CostUsd;
        var perDay = (await week).CostUsd / 7;
        var daysLeft = (decimal)(monthStart.AddMonths(1) - now).TotalDays;
        var tokens = totals.InputTokens + totals.OutputTokens;
        return new Overview
        {
            From = slice.From, To = slice.To,
            TotalCostUsd = totals.CostUsd, PreviousPeriodCostUsd = previous,
            CostChangePercent = previous == 0 ? null : Math.Round((totals.CostUsd - previous) / previous * 100, 2),
            Requests = totals.Requests, SuccessfulRequests = totals.Successes,
            SuccessRate = totals.Requests == 0 ? null : Math.Round((double)totals.Successes / totals.Requests, 4),
            InputTokens = totals.InputTokens, OutputTokens = totals.OutputTokens, CachedInputTokens = totals.CachedInputTokens, ReasoningTokens = totals.ReasoningTokens,
            UnpricedRequests = totals.UnpricedRequests,
            AverageCostPerRequestUsd = totals.PricedRequests == 0 ? null : totals.CostUsd / totals.PricedRequests,
            CostPer1MTokensUsd = tokens == 0 ? null : totals.CostUsd * 1_000_000 / tokens,
            ProjectedMonthEndUsd = Math.Round(monthToDate + perDay * daysLeft, 2),
            ProjectedAnnualUsd = Math.Round(perDay * 365, 2),
            P95LatencyMs = totals.Latency.Quantile(0.95),
            Revenue = totals.Revenue,
            OptimisationPotentialUsd = (await advice)?.OptimisationPotentialUsd,
            DocumentedSavingsUsd = (await advice)?.RealisedSavingsUsd,
        };
    }
}
