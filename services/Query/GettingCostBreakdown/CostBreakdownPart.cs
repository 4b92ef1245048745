using TokenOptimizer.GraphQL;
using TokenOptimizer.Query.Filtering;
using TokenOptimizer.Query.GettingRevenue;
using TokenOptimizer.Query.Serving;
using TokenOptimizer.ReadModels;

namespace TokenOptimizer.Query.GettingCostBreakdown;

/// <summary><c>costBreakdown(by, filter)</c>: cost, share, requests, tokens, cost per request, trend, revenue and margin per value.</summary>
public sealed class CostBreakdownPart(CostBreakdownQuery breakdowns, ResultCache cache, TimeProvider clock) : ISchemaPart
{
    public void AddTypes(SchemaBuilder schema)
    {
        schema.Object("CostShare", o => RevenueFields.Add(o
            .Description("One value of the split: its cost and its change against the equal period before.")
            .Field("key", "String!", f => f.Description("The dimension's value; empty when the calls named none (team, environment, user, API key)."))
            .Field("costUsd", "Decimal!").Field("share", "Decimal!", f => f.Description("Share of the total cost, 0–1."))
            .Field("requests", "Long!").Field("inputTokens", "Long!").Field("outputTokens", "Long!").Field("totalTokens", "Long!")
            .Field("unpricedRequests", "Long!").Field("costPerRequestUsd", "Decimal")
            .Field("costPer1MTokensUsd", "Decimal", f => f.Description("Cost per million tokens, input and output; null without tokens."))
            .Field("averageInputTokensPerRequest", "Float").Field("averageOutputTokensPerRequest", "Float")
            .Field("previousCostUsd", "Decimal!").Field("trendPercent", "Decimal"),
            c => ((CostShare)c.Source!).Revenue, nullWhen: "for USER (revenue is not kept per user)"));
    }

    public void AddQueryFields(ObjectTypeBuilder query) => query.Field("costBreakdown", "[CostShare!]!", f => f
        .Argument("by", "Dimension!")
        .Argument("filter", FilterArgument.InputType)
        .ResolveAsync(context => cache.GetAsync(context, async caller => (object?)await breakdowns.GetAsync(
            FilterArgument.Parse(context, clock.GetUtcNow(), caller.ScopeTeam, callers: true),
            Dimension.Named(context.Argument<string>("by")!), caller.Database, context.CancellationToken))));
}
