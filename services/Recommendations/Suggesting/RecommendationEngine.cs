using Microsoft.Extensions.Options;
using TokenOptimizer.Catalog;
using TokenOptimizer.Recommendations.AllowingModels;
using TokenOptimizer.Recommendations.Profiling;
using TokenOptimizer.Recommendations.WatchingBudgets;

namespace TokenOptimizer.Recommendations.Suggesting;

/// <summary>
/// Computes every recommendation from the window's usage: each rule over each (feature, provider, model) with at
/// least <see cref="RecommendationsOptions.MinimumRequests"/> calls, ranked by monthly saving.
/// </summary>
public sealed class RecommendationEngine(
    UsageProfileQuery profiles, MixPricer pricer, ModelCatalog catalog, ModelQuality quality, ModelAllowances allowances,
    IEnumerable<IRecommendationRule> rules, BudgetForecasts budgets, BudgetRiskAdvisor budgetRisk, IOptions<RecommendationsOptions> options, TimeProvider clock)
{
    public async Task<IReadOnlyList<Suggestion>> ComputeAsync(CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var all = await profiles.ReadAsync(now - options.Value.Window, now, null, cancellationToken);
        var context = new SuggestionContext(now, options.Value, pricer, catalog, new ModelProfiles(catalog, quality, now),
            await allowances.DisallowedAsync(cancellationToken), all);
        var suggestions = all.Where(p => p.Requests >= options.Value.MinimumRequests)
            .SelectMany(p => rules.SelectMany(r => r.Suggest(p, context))).ToList();
        suggestions.AddRange(budgetRisk.Advise(await budgets.ReadAsync(cancellationToken), suggestions));
        return [.. suggestions.OrderByDescending(s => s.MonthlySavingUsd).ThenBy(s => s.Id, StringComparer.Ordinal)];
    }
}
