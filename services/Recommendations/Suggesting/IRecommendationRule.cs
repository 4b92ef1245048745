using TokenOptimizer.ReadModels;

namespace TokenOptimizer.Recommendations.Suggesting;

/// <summary>One kind of advice, computed from one (feature, provider, model) usage profile.</summary>
public interface IRecommendationRule
{
    IEnumerable<Suggestion> Suggest(UsageProfile profile, SuggestionContext context);
}
