using System.Runtime.CompilerServices;
using TokenOptimizer.Access;
using TokenOptimizer.GraphQL;
using TokenOptimizer.Query.Filtering;
using TokenOptimizer.Query.GettingOverview;
using TokenOptimizer.Query.Serving;

namespace TokenOptimizer.Query.FollowingTheDashboard;

/// <summary>
/// <c>subscription { dashboardUpdated { version at overview(filter) { … } } }</c>: one message each time the read
/// models advance, carrying whatever the dashboard asks for, computed fresh for the caller's scope, while its key works.
/// </summary>
public sealed class DashboardUpdatesPart(DashboardUpdates updates, OverviewQuery overviews, ApiKeyStore keys, TimeProvider clock) : ISchemaPart
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
        .Subscribe(context => WhileTheKeyWorksAsync(updates.SubscribeAsync(context.CancellationToken), QueryCaller.Of(context).Principal.KeyId, context.CancellationToken)));

    // A subscription outlives the request that authenticated it: each update is sent only if the key still works.
    private async IAsyncEnumerable<object?> WhileTheKeyWorksAsync(
        IAsyncEnumerable<DashboardUpdate> source, string keyId, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await foreach (var update in source.WithCancellation(cancellationToken))
        {
            if (!await keys.IsActiveAsync(keyId, cancellationToken))
            {
                throw new GraphQLException("The API key was revoked.", "UNAUTHENTICATED");
            }

            yield return update;
        }
    }
}
