using TokenOptimizer.GraphQL;
using TokenOptimizer.Query.Filtering;
using TokenOptimizer.Query.GettingOverview;
using TokenOptimizer.Query.Serving;

namespace TokenOptimizer.Query.FollowingTheDashboard;

/// <summary>
/// <c>subscription { dashboardUpdated { version at overview(filter) { … } } }</c>: one message each time the read
/// models advance, carrying whatever the dashboard asks for, computed fresh for the caller's scope.
/// </summary>
public sealed class DashboardUpdatesPart(DashboardUpdates updates, OverviewQuery overviews, TimeProvider clock) : ISchemaPart
{
    public void AddTypes(SchemaBuilder schema) => schema.Object("DashboardUpdate", o => o
        .Description("The read models advanced: ask again for what the dashboard shows.")
        .Field("version", "String!").Field("at", "DateTime!")
        .Field("overview", "Overview!", f => f
            .Argument("filter", FilterArgument.InputType)
            .OncePerRequest()
            .ResolveAsync(async context =>
            {
                var caller = QueryCaller.Of(context);
                return await overviews.GetAsync(FilterArgument.Parse(context, clock.GetUtcNow(), caller.ScopeTeam), caller.Database, context.CancellationToken);
            })));

    public void AddSubscriptionFields(ObjectTypeBuilder subscription) => subscription.Field("dashboardUpdated", "DashboardUpdate!", f => f
        .Description("Pushes when new usage reaches the read models (within about a second of ingestion).")
        .Subscribe(context =>
        {
            QueryCaller.Of(context); // Authenticated callers only.
            return updates.SubscribeAsync(context.CancellationToken);
        }));
}
