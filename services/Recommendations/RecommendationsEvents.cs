using TokenOptimizer.EventStore;
using TokenOptimizer.Recommendations.AllowingModels;
using TokenOptimizer.Recommendations.Lifecycle;

namespace TokenOptimizer.Recommendations;

/// <summary>The events this service writes, under their stored snake_case aliases.</summary>
public static class RecommendationsEvents
{
    public static EventTypeRegistry Registry() => new EventTypeRegistry()
        .Register<RecommendationSuggested>("recommendation_suggested")
        .Register<RecommendationRevised>("recommendation_revised")
        .Register<RecommendationWithdrawn>("recommendation_withdrawn")
        .Register<RecommendationAccepted>("recommendation_accepted")
        .Register<RecommendationDismissed>("recommendation_dismissed")
        .Register<RecommendationSnoozed>("recommendation_snoozed")
        .Register<RecommendationTested>("recommendation_tested")
        .Register<RecommendationRealised>("recommendation_realised")
        .Register<ModelAllowanceSet>("model_allowance_set");
}
