using TokenOptimizer.GraphQL;
using TokenOptimizer.Query.Filtering;
using TokenOptimizer.Query.Serving;
using TokenOptimizer.ReadModels;

namespace TokenOptimizer.Query.GettingUsagePatterns;

/// <summary><c>usagePatterns(filter)</c>: weekly heatmap, peak hours, prompt-length histogram, output per input by model, estimate accuracy.</summary>
public sealed class UsagePatternsPart(UsagePatternsQuery patterns, ResultCache cache, TimeProvider clock) : ISchemaPart
{
    public void AddTypes(SchemaBuilder schema) => schema
        .Object("HeatmapCell", o => o
            .Description("Calls in one UTC hour of one weekday over the range.")
            .Field("weekday", "Int!", f => f.Description("ISO weekday: 1 = Monday … 7 = Sunday."))
            .Field("hour", "Int!", f => f.Description("0–23, UTC."))
            .Field("requests", "Long!").Field("costUsd", "Decimal!"))
        .Object("HourOfDayUsage", o => o
            .Description("Calls in one UTC hour of the day, all days of the range together.")
            .Field("hour", "Int!").Field("requests", "Long!").Field("costUsd", "Decimal!"))
        .Object("PromptLengthBucket", o => o
            .Description("Calls whose prompt (input tokens) was at most upToTokens and above the previous bucket's bound.")
            .Field("upToTokens", "Long", f => f.Description("Inclusive upper bound; null for the open last bucket."))
            .Field("requests", "Long!"))
        .Object("ModelTokenRatio", o => o
            .Field("model", "String!").Field("inputTokens", "Long!").Field("outputTokens", "Long!")
            .Field("outputPerInput", "Float", f => f.Description("Output tokens per input token; null when the model read none.")))
        .Object("TokenEfficiency", o => o
            .Description("How well callers' estimates of their prompt size (estimatedInputTokens) matched the actual input tokens, over the calls that sent one.")
            .Field("estimatedCalls", "Long!").Field("estimatedInputTokens", "Long!")
            .Field("actualInputTokens", "Long!", f => f.Description("Input tokens of the calls that sent an estimate."))
            .Field("meanAbsoluteErrorTokens", "Float")
            .Field("estimateAccuracy", "Float", f => f.Description("1 − Σ|estimate − actual| / Σactual: errors do not cancel out; below 0 when off by more than the prompts' size.")))
        .Object("UsagePatterns", o => o
            .Field("heatmap", "[HeatmapCell!]!", f => f.Description("All 168 cells, Monday 00:00 first. From hourly data, kept for 400 days by default."))
            .Field("peakHours", "[HourOfDayUsage!]!", f => f.Description("The three hours of the day with the most calls, busiest first."))
            .Field("promptLengths", "[PromptLengthBucket!]!")
            .Field("ratioByModel", "[ModelTokenRatio!]!", f => f.Description("Most tokens first."))
            .Field("tokenEfficiency", "TokenEfficiency!"));

    public void AddQueryFields(ObjectTypeBuilder query) => query.Field("usagePatterns", "UsagePatterns!", f => f
        .Argument("filter", FilterArgument.InputType)
        .ResolveAsync(context => cache.GetAsync(context, async caller => (object?)await patterns.GetAsync(
            FilterArgument.Parse(context, clock.GetUtcNow(), caller.ScopeTeam), caller.Database, context.CancellationToken))));
}
