using TokenOptimizer.GraphQL;
using TokenOptimizer.Query.Filtering;
using TokenOptimizer.Query.Serving;
using TokenOptimizer.ReadModels;

namespace TokenOptimizer.Query.ReadingUsageLog;

/// <summary>
/// <c>usageLog(filter, first, after)</c>: the per-request log, newest first, as a Relay connection. Its types are
/// shared with <c>errors.recent</c>. Pages are not put in the result cache: each is one short index read, while
/// every cursor of a long paging session would be a cache entry of up to 500 rows. Aliases asking for the same page in
/// one request share one read.
/// </summary>
public sealed class UsageLogPart(UsageLogQuery log, TimeProvider clock) : ISchemaPart
{
    public const string ConnectionType = "UsageLogConnection";

    public void AddTypes(SchemaBuilder schema) => schema
        .Object(ConnectionType, o => o
            .Description("A page of logged calls, newest first.")
            .Field("edges", "[UsageLogEdge!]!").Field("pageInfo", "PageInfo!"))
        .Object("UsageLogEdge", o => o
            .Field("cursor", "String!", f => f.Description("Opaque; pass it as `after` to read on from this row."))
            .Field("node", "LoggedRequest!"))
        .Object("PageInfo", o => o
            .Field("hasNextPage", "Boolean!").Field("endCursor", "String", f => f.Description("The last row's cursor; null on an empty page.")))
        .Object("LoggedRequest", o => o
            .Description("One call as reported, with its cost.")
            .Field("requestId", "String!").Field("occurredAt", "DateTime!")
            .Field("provider", "String!").Field("model", "String!")
            .Field("responseModel", "String", f => f.Description("The model the provider's response named, when reported; pricing prefers it."))
            .Field("feature", "String!").Field("team", "String!")
            .Field("environment", "String!").Field("userId", "String!")
            .Field("apiKeyId", "String!", f => f.Description("The producer's API key id (not a secret); empty when the call named none."))
            .Field("outcome", "String!").Field("errorType", "String").Field("errorCode", "String").Field("errorMessage", "String")
            .Field("inputTokens", "Long!").Field("outputTokens", "Long!").Field("cachedInputTokens", "Long!")
            .Field("cacheWriteTokens", "Long!")
            .Field("cacheWriteOneHourTokens", "Long!", f => f.Description("The part of cacheWriteTokens written with a one-hour lifetime."))
            .Field("reasoningTokens", "Long!")
            .Field("latencyMs", "Float!").Field("ttftMs", "Float", f => f.Description("Time to first token; streamed calls only."))
            .Field("streaming", "Boolean!")
            .Field("costUsd", "Decimal", f => f.Description("Null when the model had no known price: unpriced, never $0.")));

    public void AddQueryFields(ObjectTypeBuilder query) => query.Field("usageLog", ConnectionType + "!", f => PageRequest.AddArguments(f
        .Description("Every call matching the filter, newest first, a page at a time.")
        .Argument("filter", FilterArgument.InputType))
        .OncePerRequest()
        .ResolveAsync(async context =>
        {
            var caller = QueryCaller.Of(context);
            var slice = FilterArgument.Parse(context, clock.GetUtcNow(), caller.ScopeTeam, callers: true);
            return await log.GetAsync(slice, PageRequest.From(context), failuresOnly: false, caller.Database, context.CancellationToken);
        }));
}
