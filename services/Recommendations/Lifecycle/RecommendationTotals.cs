using TokenOptimizer.Recommendations.Suggesting;

namespace TokenOptimizer.Recommendations.Lifecycle;

/// <summary>
/// What the overview shows. Optimisation potential: per (feature, provider, model), the largest monthly saving among
/// its open recommendations (switching model and caching prompts for the same traffic do not add up, so only the best
/// counts). Documented savings: the realised savings measured so far.
/// </summary>
public sealed record RecommendationTotals(decimal OptimisationPotentialUsd, decimal RealisedSavingsUsd, int Open, int Accepted)
{
    public static RecommendationTotals Of(IReadOnlyList<Recommendation> all)
    {
        var open = all.Where(r => r.Status is RecommendationStatus.Suggested or RecommendationStatus.Tested).ToList();
        var potential = open.GroupBy(r => (r.Suggestion.Feature, r.Suggestion.Provider, r.Suggestion.Model))
            .Sum(g => g.Max(r => r.Suggestion.MonthlySavingUsd));
        return new RecommendationTotals(Math.Round(potential, 2), Math.Round(all.Sum(r => r.Realised?.RealisedSavingUsd ?? 0), 2), open.Count, all.Count(r => r.IsAccepted));
    }
}
