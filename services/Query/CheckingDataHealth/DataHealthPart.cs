using TokenOptimizer.Access;
using TokenOptimizer.GraphQL;
using TokenOptimizer.Query.Serving;

namespace TokenOptimizer.Query.CheckingDataHealth;

/// <summary>
/// <c>dataHealth</c>: whether the figures hold every accepted record (the dashboard's header warns when not), and for
/// admin keys <c>replayDeadLetters</c> and <c>redeliverFaultedMessages</c> to put them back once the cause is fixed, and
/// <c>rebuildProjection</c> to build the read models again from the first event.
/// Counts are shown to every key that reads; why an event failed (it may quote any team's data) to admin keys only.
/// </summary>
public sealed class DataHealthPart(DataHealthQuery health) : ISchemaPart
{
    public void AddTypes(SchemaBuilder schema) => schema
        .Object("DataHealth", o => o
            .Description("Whether every accepted record is in the figures. Dead letters and faulted messages are records missing from them until an admin puts them back.")
            .Field("deadLetters", "Int!", f => f.Description("Events the read models could not apply and set aside, over every projection: figures are short by them until replayed (replayDeadLetters)."))
            .Field("faultedMessages", "Long", f => f.Description("Bus messages parked in Ingestion's error queues, not stored until moved back (redeliverFaultedMessages); null when Ingestion did not answer."))
            .Field("projections", "[ProjectionStatus!]!"))
        .Object("ProjectionStatus", o => o
            .Description("One read model's projection.")
            .Field("name", "String!")
            .Field("lag", "Long!", f => f.Description("Events accepted but not yet applied: a few while traffic flows, growing when the projection is stuck."))
            .Field("deadLetters", "Int!")
            .Field("letters", "[DeadLetter!]!", f => f
                .Description("The oldest dead letters (up to 100), with why they failed. Admin keys only; empty for others.")
                .Resolve(c => QueryCaller.Of(c).Principal.Has(Role.Admin) ? ((ProjectionStatus)c.Source!).Letters : [])))
        .Object("DeadLetter", o => o
            .Field("sequence", "Long!", f => f.Description("The event's position in the log."))
            .Field("eventType", "String!").Field("reason", "String!").Field("failedAt", "DateTime!"))
        .Object("DeadLetterReplay", o => o
            .Description("What a replay did: letters that applied now (and left the dead letters), and letters that failed again (kept with the new reason).")
            .Field("projection", "String!").Field("applied", "Int!").Field("stillFailing", "Int!"))
        .Object("ProjectionRebuild", o => o
            .Description("A rebuild of every read model from the first event, and the position it reached.")
            .Field("projection", "String!").Field("checkpoint", "Long!", f => f.Description("The last event applied when the rebuild ended; the projections follow on from there.")));

    public void AddQueryFields(ObjectTypeBuilder query) => query.Field("dataHealth", "DataHealth!", f => f
        .Description("Whether the figures hold every accepted record: dead letters, projection lag and parked bus messages.")
        .ResolveAsync(async context => (object?)await health.ReadAsync(context.CancellationToken)));

    public void AddMutationFields(ObjectTypeBuilder mutation) => mutation
        .Field("replayDeadLetters", "[DeadLetterReplay!]!", f => f
            .Description("Applies the dead letters again, after a fix: of one projection, or of every projection that has some. Admin keys only.")
            .Argument("projection", "String")
            .ResolveAsync(async context =>
            {
                QueryCaller.Of(context).Require(Role.Admin);
                return (object?)await health.ReplayAsync(context.Argument<string>("projection"), context.CancellationToken);
            }))
        .Field("rebuildProjection", "ProjectionRebuild!", f => f
            .Description("Rebuilds the read models from the first event: they share one position, so naming any of them rebuilds all. Admin keys only.")
            .Argument("projection", "String!")
            .ResolveAsync(async context =>
            {
                QueryCaller.Of(context).Require(Role.Admin);
                return (object?)await health.RebuildAsync(context.Argument<string>("projection")!, context.CancellationToken);
            }))
        .Field("redeliverFaultedMessages", "Long!", f => f
            .Description("Moves the bus messages parked in Ingestion's error queues back to be consumed again, each once; returns how many. Admin keys only.")
            .ResolveAsync(async context =>
            {
                QueryCaller.Of(context).Require(Role.Admin);
                return (object?)await health.RedeliverAsync(context.CancellationToken);
            }));
}
