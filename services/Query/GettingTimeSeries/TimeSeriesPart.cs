using TokenOptimizer.GraphQL;
using TokenOptimizer.Query.Filtering;
using TokenOptimizer.Query.GettingRevenue;
using TokenOptimizer.Query.Serving;
using TokenOptimizer.ReadModels;

namespace TokenOptimizer.Query.GettingTimeSeries;

/// <summary><c>timeSeries(filter, granularity, by)</c>: cost, revenue, volume, failures, latency and throughput per minute, hour or day.</summary>
public sealed class TimeSeriesPart(TimeSeriesQuery series, ResultCache cache, TimeProvider clock) : ISchemaPart
{
    public void AddTypes(SchemaBuilder schema)
    {
        SeriesGranularity.AddType(schema);
        schema.Object("TimeSeriesPoint", o => RevenueFields.Add(o
            .Description("One UTC bucket (per value of `by`, when given). A bucket only partly inside the range holds that part only.")
            .Field("bucketStart", "DateTime!")
            .Field("key", "String", f => f.Description("The value of `by`; null when the series is not split."))
            .Field("costUsd", "Decimal!").Field("requests", "Long!").Field("failures", "Long!")
            .Field("inputTokens", "Long!").Field("outputTokens", "Long!")
            .Field("p50LatencyMs", "Float").Field("p95LatencyMs", "Float").Field("p99LatencyMs", "Float")
            .Field("requestsPerSecond", "Float!", f => f.Description("Requests over the seconds of the bucket inside the range.")),
            c => ((TimeSeriesPoint)c.Source!).Revenue));
    }

    public void AddQueryFields(ObjectTypeBuilder query) => query.Field("timeSeries", "[TimeSeriesPoint!]!", f => f
        .Description($"Usage over time, oldest bucket first. Unsplit, every bucket of the range is listed (zeros when idle); split by `by`, only buckets where that value had calls. At most {TimeSeriesQuery.MaxBuckets} buckets; MINUTE only within the minute rollups' retention (7 days by default); USER is not a valid `by` (kept per day only).")
        .Argument("filter", FilterArgument.InputType)
        .Argument("granularity", SeriesGranularity.TypeName + "!")
        .Argument("by", "Dimension")
        .ResolveAsync(context => cache.GetAsync(context, async caller => (object?)await series.GetAsync(
            FilterArgument.Parse(context, clock.GetUtcNow(), caller.ScopeTeam),
            SeriesGranularity.Named(context.Argument<string>("granularity")!),
            context.Argument<string>("by") is { } by ? Dimension.Named(by) : null,
            caller.Database, context.CancellationToken))));
}
