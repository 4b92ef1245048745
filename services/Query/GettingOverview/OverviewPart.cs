using TokenOptimizer.GraphQL;
using TokenOptimizer.Query.Filtering;
using TokenOptimizer.Query.GettingRevenue;
using TokenOptimizer.Query.Serving;

namespace TokenOptimizer.Query.GettingOverview;

/// <summary><c>overview(filter)</c>: spend with its change, requests, tokens, averages, projections, success rate, p95.</summary>
public sealed class OverviewPart(OverviewQuery overviews, ResultCache cache, TimeProvider clock) : ISchemaPart
{
    public void AddTypes(SchemaBuilder schema) => schema.Object("Overview", o => RevenueFields.Add(o
        .Description("Headline figures of the filtered usage. Averages are over priced calls.")
        .Field("from", "DateTime!").Field("to", "DateTime!")
        .Field("totalCostUsd", "Decimal!").Field("previousPeriodCostUsd", "Decimal!")
        .Field("costChangePercent", "Decimal", f => f.Description("Against the equal period just before; null when that cost nothing."))
        .Field("requests", "Long!").Field("successfulRequests", "Long!").Field("successRate", "Float")
        .Field("inputTokens", "Long!").Field("outputTokens", "Long!").Field("cachedInputTokens", "Long!").Field("reasoningTokens", "Long!").Field("totalTokens", "Long!")
        .Field("unpricedRequests", "Long!", f => f.Description("Calls to models with no known price: counted, never costed as $0."))
        .Field("averageCostPerRequestUsd", "Decimal").Field("costPer1MTokensUsd", "Decimal")
        .Field("averageTokensPerRequest", "Float", f => f.Description("Input and output tokens per call, over every call, priced or not."))
        .Field("projectedMonthEndUsd", "Decimal!", f => f.Description("Month-to-date spend plus the last 7 days' daily run rate for the rest of the UTC month."))
        .Field("projectedAnnualUsd", "Decimal!", f => f.Description("The last 7 days' daily run rate × 365."))
        .Field("p95LatencyMs", "Float")
        .Field("optimisationPotentialUsd", "Decimal", f => f.Description(
            "What the open recommendations would save per month (per feature and model, the best one); null until the Recommendations service has run, and for team-scoped keys."))
        .Field("documentedSavingsUsd", "Decimal", f => f.Description("Savings measured after accepted recommendations, to date; null as above.")),
        c => ((Overview)c.Source!).Revenue));

    public void AddQueryFields(ObjectTypeBuilder query) => query.Field("overview", "Overview!", f => f
        .Argument("filter", FilterArgument.InputType)
        .ResolveAsync(context => cache.GetAsync(context, async caller =>
            (object?)await overviews.GetAsync(FilterArgument.Parse(context, clock.GetUtcNow(), caller.ScopeTeam), caller.Database, context.CancellationToken))));
}
