using TokenOptimizer.GraphQL;
using TokenOptimizer.Query.Filtering;
using TokenOptimizer.Query.ReadingUsageLog;
using TokenOptimizer.Query.Serving;

namespace TokenOptimizer.Query.GettingErrors;

/// <summary><c>errors(filter, first, after)</c>: the latest failed calls, a page at a time, and failure counts per type, provider and model.</summary>
public sealed class ErrorsPart(ErrorsQuery errors, ResultCache cache, TimeProvider clock) : ISchemaPart
{
    public void AddTypes(SchemaBuilder schema) => schema
        .Object("ErrorReport", o => o
            .Description("What failed in the filtered usage. first/after page `recent`; the counts cover the whole filter.")
            .Field("recent", UsageLogPart.ConnectionType + "!", f => f.Description("Failed calls, newest first."))
            .Field("byType", "[FailureGroup!]!", f => f.Description("Failures per error type, as a share of every call."))
            .Field("byProvider", "[FailureGroup!]!").Field("byModel", "[FailureGroup!]!"))
        .Object("FailureGroup", o => o
            .Description("Failures of one error type, provider or model; only those that failed in the period are listed, most first.")
            .Field("key", "String!").Field("failures", "Long!").Field("requests", "Long!")
            .Field("errorRate", "Float!", f => f.Description("failures / requests, 0–1."))
            .Field("previousFailures", "Long!")
            .Field("trendPercent", "Decimal", f => f.Description("Change in failures against the equal period before; null when there were none then.")));

    public void AddQueryFields(ObjectTypeBuilder query) => query.Field("errors", "ErrorReport!", f => PageRequest.AddArguments(f
        .Argument("filter", FilterArgument.InputType))
        .ResolveAsync(context => cache.GetAsync(context, async caller => (object?)await errors.GetAsync(
            FilterArgument.Parse(context, clock.GetUtcNow(), caller.ScopeTeam),
            PageRequest.From(context), caller.Database, context.CancellationToken))));
}
