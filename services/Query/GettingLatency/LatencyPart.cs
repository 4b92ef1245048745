using TokenOptimizer.GraphQL;
using TokenOptimizer.Query.Filtering;
using TokenOptimizer.Query.Serving;
using TokenOptimizer.ReadModels;

namespace TokenOptimizer.Query.GettingLatency;

/// <summary><c>latency(filter, by)</c>: latency and time-to-first-token percentiles per model, provider or other dimension.</summary>
public sealed class LatencyPart(LatencyQuery latencies, ResultCache cache, TimeProvider clock) : ISchemaPart
{
    public void AddTypes(SchemaBuilder schema) => schema.Object("LatencyProfile", o => o
        .Description("Percentiles in ms from merged sketches, each within 1% of the exact value. Time to first token covers streamed calls only: null when there were none.")
        .Field("key", "String!", f => f.Description("The dimension's value."))
        .Field("requests", "Long!")
        .Field("p50Ms", "Float").Field("p95Ms", "Float").Field("p99Ms", "Float").Field("p999Ms", "Float")
        .Field("ttftP50Ms", "Float").Field("ttftP95Ms", "Float").Field("ttftP99Ms", "Float"));

    public void AddQueryFields(ObjectTypeBuilder query) => query.Field("latency", "[LatencyProfile!]!", f => f
        .Description("Latency per value of `by`, busiest first. USER is not a valid `by` (kept per day, without latency).")
        .Argument("filter", FilterArgument.InputType)
        .Argument("by", "Dimension!")
        .ResolveAsync(context => cache.GetAsync(context, async caller => (object?)await latencies.GetAsync(
            FilterArgument.Parse(context, clock.GetUtcNow(), caller.ScopeTeam),
            Dimension.Named(context.Argument<string>("by")!), caller.Database, context.CancellationToken))));
}
