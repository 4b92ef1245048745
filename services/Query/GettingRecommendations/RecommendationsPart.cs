using TokenOptimizer.GraphQL;
using TokenOptimizer.Query.Serving;
using TokenOptimizer.Query.Upstreams;
using TokenOptimizer.ReadModels;

namespace TokenOptimizer.Query.GettingRecommendations;

/// <summary>
/// <c>recommendations(kind, status, feature, limit)</c>: the ranked advice of the Recommendations service. Advice is
/// about features and models across teams, so team-scoped keys are refused. Cached under the read-model version,
/// which includes the recommendation list's checkpoint.
/// </summary>
public sealed class RecommendationsPart(RecommendationListReader recommendations, ResultCache cache, UpstreamClient upstream) : ISchemaPart
{
    private const int MaxLimit = 500;

    public void AddTypes(SchemaBuilder schema) => schema
        .Object("Evidence", o => o.Description("A number a recommendation used, by name.").Field("name", "String!").Field("value", "Decimal!"))
        .Object("ModelTestSide", o => o
            .Field("provider", "String!").Field("model", "String!").Field("succeeded", "Int!").Field("failed", "Int!")
            .Field("averageLatencyMs", "Float").Field("inputTokens", "Long!").Field("outputTokens", "Long!").Field("totalCostUsd", "Decimal!"))
        .Object("ModelTest", o => o
            .Description("The last one-click test: both models on the same prompts (the prompts are never kept).")
            .Field("testId", "ID!").Field("at", "DateTime!").Field("prompts", "Int!")
            .Field("meanAgreement", "Float", f => f.Description("0–1: how alike the two models' answers were, over prompts both answered."))
            .Field("current", "ModelTestSide!").Field("candidate", "ModelTestSide!"))
        .Object("Recommendation", o => o
            .Description("A change that would cut spend, with its monthly saving (the window's saving scaled to 30 days from the days observed: evidence observed_days), quality impact, confidence and evidence.")
            .Field("id", "ID!").Field("rank", "Int", f => f.Description("1 = the largest saving in this list."))
            .Field("kind", "String!", f => f.Description("model_switch, provider_switch, prompt_caching, batch_processing, failure_waste or budget_risk."))
            .Field("status", "String!", f => f.Description("suggested, snoozed, tested, accepted, realised, dismissed or withdrawn."))
            .Field("feature", "String!").Field("provider", "String!").Field("model", "String!")
            .Field("candidateProvider", "String").Field("candidateModel", "String")
            .Field("budgetId", "ID", f => f.Description("The budget a budget_risk recommendation warns about."))
            .Field("change", "String!", f => f.Description("What to change, in plain words."))
            .Field("monthlySavingUsd", "Decimal!").Field("savingPercent", "Decimal!", f => f.Description("Of this feature's spend on the model."))
            .Field("qualityDelta", "Float", f => f.Description("Candidate minus current quality score (0–100) for the feature's task kind."))
            .Field("qualityImpact", "String!").Field("qualitySource", "String")
            .Field("confidence", "Float!").Field("confidenceLabel", "String!").Field("evidence", "[Evidence!]!")
            .Field("suggestedAt", "DateTime!").Field("updatedAt", "DateTime!").Field("snoozedUntil", "DateTime").Field("dismissReason", "String")
            .Field("acceptedAt", "DateTime").Field("realisedSavingUsd", "Decimal", f => f.Description("Measured since acceptance; null until enough calls came in."))
            .Field("lastTest", "ModelTest"));

    public void AddQueryFields(ObjectTypeBuilder query) => query
        .Field("recommendationsNarrative", "String", f => f
            .Description("A short plain-language explanation of the top open recommendations, written by an LLM when the Recommendations service has one "
                + "configured (Recommendations:Narrative); null otherwise. No figure depends on it. Refused to team-scoped API keys.")
            .OncePerRequest() // A paid LLM call: aliases share it.
            .ResolveAsync(async context =>
            {
                QueryCaller.Of(context).RequireUnscoped("Recommendations");
                var answer = await upstream.SendAsync(UpstreamClient.Recommendations, HttpMethod.Get, "/v1/recommendations/narrative", null, context.CancellationToken);
                return answer is { } json && json.GetProperty("text").ValueKind == System.Text.Json.JsonValueKind.String ? json.GetProperty("text").GetString() : null;
            }))
        .Field("recommendations", "[Recommendation!]!", f => f
        .Description("Ranked by monthly saving. Refused to team-scoped API keys: advice covers every team's traffic.")
        .Argument("kind", "String").Argument("status", "String").Argument("feature", "String")
        .Argument("limit", "Int", a => a.DefaultValue(100).Description($"1–{MaxLimit}."))
        .ResolveAsync(context => cache.GetAsync(context, async caller =>
        {
            caller.RequireUnscoped("Recommendations");
            var limit = context.Argument<int?>("limit") ?? 100;
            if (limit is < 1 or > MaxLimit)
            {
                throw new GraphQLException($"limit must be between 1 and {MaxLimit}.", "BAD_USER_INPUT");
            }

            var list = await recommendations.ListAsync(
                context.Argument<string>("kind"), context.Argument<string>("status"), context.Argument<string>("feature"), limit, caller.Database, context.CancellationToken);
            return (object?)list.Select((recommendation, i) => RecommendationShape.Of(recommendation, rank: i + 1)).ToList();
        })));
}
