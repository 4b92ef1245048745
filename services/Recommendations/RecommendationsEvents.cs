using JasperFx.Events.Projections;
using Marten;
using TokenOptimizer.Recommendations.AllowingModels;
using TokenOptimizer.Recommendations.Lifecycle;
using TokenOptimizer.UsageLog;

namespace TokenOptimizer.Recommendations;

/// <summary>
/// This service's own Marten event store, in its schema <see cref="RecommendationsSchema.Name"/>: recommendation
/// lifecycles and model allowances, which no other service reads (they see the list and the API), so they stay apart
/// from the usage store. Stored under snake_case aliases, serialised as the usage store's events are.
/// </summary>
public static class RecommendationsEvents
{
    public static StoreOptions Configure(StoreOptions options)
    {
        options.DatabaseSchemaName = RecommendationsSchema.Name;
        options.AutoCreateSchemaObjects = JasperFx.AutoCreate.None;
        options.Events.StreamIdentity = JasperFx.Events.StreamIdentity.AsString;
        options.UseSystemTextJsonForSerialization(UsageEventStore.SerializerOptions(), Weasel.Core.EnumStorage.AsInteger, Weasel.Core.Casing.CamelCase);
        options.Events.MapEventType<RecommendationSuggested>("recommendation_suggested");
        options.Events.MapEventType<RecommendationRevised>("recommendation_revised");
        options.Events.MapEventType<RecommendationWithdrawn>("recommendation_withdrawn");
        options.Events.MapEventType<RecommendationAccepted>("recommendation_accepted");
        options.Events.MapEventType<RecommendationDismissed>("recommendation_dismissed");
        options.Events.MapEventType<RecommendationSnoozed>("recommendation_snoozed");
        options.Events.MapEventType<RecommendationTested>("recommendation_tested");
        options.Events.MapEventType<RecommendationRealised>("recommendation_realised");
        options.Events.MapEventType<ModelAllowanceSet>("model_allowance_set");
        options.Projections.Add(new RecommendationListProjection(), ProjectionLifecycle.Inline);
        return options;
    }
}
