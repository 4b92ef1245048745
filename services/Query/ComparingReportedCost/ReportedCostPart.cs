using TokenOptimizer.GraphQL;
using TokenOptimizer.Query.Filtering;
using TokenOptimizer.Query.Serving;
using TokenOptimizer.ReadModels;

namespace TokenOptimizer.Query.ComparingReportedCost;

/// <summary>
/// <c>reportedCostDifferences(filter)</c>: per UTC day, provider and model, the cost the provider reported against ours
/// for the same calls, so a user sees where our price list and their bill disagree.
/// </summary>
public sealed class ReportedCostPart(UsageRollupReader rollups, ResultCache cache, TimeProvider clock) : ISchemaPart
{
    public void AddTypes(SchemaBuilder schema) => schema.Object("ReportedCostDifference", o => o
        .Description("One UTC day of one model's calls that carried the provider's reported cost (reportedCostUsd), compared with our cost of the same calls.")
        .Field("day", "DateTime!", f => f.Description("The UTC day's start."))
        .Field("provider", "String!").Field("model", "String!")
        .Field("reportedRequests", "Long!", f => f.Description("Calls that carried a reported cost."))
        .Field("comparedRequests", "Long!", f => f.Description("Those we could price: both costs below are over these calls only."))
        .Field("reportedCostUsd", "Decimal!", f => f.Description("The provider's reported cost of the compared calls."))
        .Field("computedCostUsd", "Decimal!", f => f.Description("Our cost of the compared calls, at our price list."))
        .Field("differenceUsd", "Decimal!", f => f.Description("reportedCostUsd − computedCostUsd: positive when the provider charged more than our prices say."))
        .Field("differencePercent", "Decimal", f => f.Description("differenceUsd as a percentage of computedCostUsd, rounded to 2 places; null when that is 0.")));

    public void AddQueryFields(ObjectTypeBuilder query) => query.Field("reportedCostDifferences", "[ReportedCostDifference!]!", f => f
        .Description("Provider-reported against computed cost per UTC day, provider and model, oldest day first; only days and models with calls that reported a cost.")
        .Argument("filter", FilterArgument.InputType)
        .ResolveAsync(context => cache.GetAsync(context, async caller => (object?)await rollups.ReportedCostByDayAsync(
            FilterArgument.Parse(context, clock.GetUtcNow(), caller.ScopeTeam), caller.Database, context.CancellationToken))));
}
