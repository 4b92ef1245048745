using Microsoft.Extensions.Options;
using TokenOptimizer.Catalog;
using TokenOptimizer.ReadModels;
using TokenOptimizer.Recommendations.AllowingModels;
using TokenOptimizer.Recommendations.WatchingBudgets;

namespace TokenOptimizer.Recommendations.Suggesting;

/// <summary>
/// Computes every recommendation from the window's usage, priced with the effective price list (savings scaled from the
/// days actually observed to a month):
/// each rule over each (feature, provider, model) with at
/// least <see cref="RecommendationsOptions.MinimumRequests"/> calls, ranked by monthly saving.
/// </summary>
public sealed class RecommendationEngine(
    RequestLogReader requestLog, PriceListReader prices, ModelQuality quality, ModelAllowances allowances,
    IEnumerable<IRecommendationRule> rules, BudgetStatusReader budgets, BudgetRiskAdvisor budgetRisk, IOptions<RecommendationsOptions> options, TimeProvider clock)
{
    /// <returns>The ranked suggestions, and the calls the window held (what a later material change is judged against).</returns>
    public async Task<(IReadOnlyList<Suggestion> Suggestions, long WindowCalls)> ComputeAsync(CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var from = now - options.Value.Window;
        var all = await requestLog.ProfilesAsync(from, now, null, cancellationToken);
        var observedDays = await ObservedDaysAsync(from, now, cancellationToken);
        // The effective list (administrators' prices and aliases over the shipped ones), as Ingestion prices the calls.
        var catalog = (await prices.ReadAsync(cancellationToken)).Catalog;
        var context = new SuggestionContext(now, observedDays, options.Value, new MixPricer(new CostCalculator(catalog)), catalog, new ModelProfiles(catalog, quality, now),
            await allowances.DisallowedAsync(cancellationToken), all);
        var suggestions = all.Where(p => p.Requests >= options.Value.MinimumRequests)
            .SelectMany(p => rules.SelectMany(r => r.Suggest(p, context)))
            .Select(s => s with { Evidence = new Dictionary<string, decimal>(s.Evidence) { ["observed_days"] = observedDays } })
            .ToList();
        suggestions.AddRange(budgetRisk.Advise(await budgets.AllAsync(DatabaseTurns.None, cancellationToken), suggestions));
        return ([.. suggestions.OrderByDescending(s => s.MonthlySavingUsd).ThenBy(s => s.Id, StringComparer.Ordinal)], all.Sum(p => p.Requests));
    }

    // From the first call in the window, at least a quarter of an hour (a month from minutes of traffic is all noise).
    private async Task<decimal> ObservedDaysAsync(DateTimeOffset from, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var first = await requestLog.FirstCallSinceAsync(from, cancellationToken) ?? from;
        var span = TimeSpan.FromTicks(Math.Clamp((now - first).Ticks, MinimumObserved.Ticks, (now - from).Ticks));
        return Math.Round((decimal)span.TotalDays, 6);
    }

    private static readonly TimeSpan MinimumObserved = TimeSpan.FromMinutes(15);
}
