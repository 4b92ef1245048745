using System.Text.Json;
using TokenOptimizer.Access;
using TokenOptimizer.GraphQL;
using TokenOptimizer.Query.GettingRecommendations;
using TokenOptimizer.Query.Serving;
using TokenOptimizer.Query.Upstreams;
using TokenOptimizer.ReadModels;

namespace TokenOptimizer.Query.DecidingRecommendations;

/// <summary>
/// <c>acceptRecommendation</c>, <c>dismissRecommendation</c>, <c>snoozeRecommendation</c>, <c>testRecommendation</c>
/// and <c>setModelAllowed</c> for admin keys, decided by the Recommendations service (each recommendation's owner).
/// </summary>
public sealed class RecommendationMutationsPart(UpstreamClient upstream) : ISchemaPart
{
    public void AddTypes(SchemaBuilder schema) => schema.Object("ModelAllowance", o => o.Field("model", "String!").Field("allowed", "Boolean!"));

    public void AddMutationFields(ObjectTypeBuilder mutation) => mutation
        .Field("acceptRecommendation", "Recommendation!", f => f
            .Description("Accept: the feature's cost per call now is the baseline its realised saving is measured against.")
            .Argument("id", "ID!")
            .ResolveAsync(context => StepAsync(context, "accept", null)))
        .Field("dismissRecommendation", "Recommendation!", f => f
            .Argument("id", "ID!").Argument("reason", "String")
            .ResolveAsync(context => StepAsync(context, "dismiss", new { reason = context.Argument<string>("reason") })))
        .Field("snoozeRecommendation", "Recommendation!", f => f
            .Argument("id", "ID!").Argument("until", "DateTime!")
            .ResolveAsync(context => StepAsync(context, "snooze", new { until = context.Argument<DateTimeOffset>("until") })))
        .Field("testRecommendation", "Recommendation!", f => f
            .Description("Send the prompts to the current and the candidate model and record latency, tokens, cost and agreement. The prompts are not kept.")
            .Argument("id", "ID!").Argument("prompts", "[String!]!").Argument("callTimeoutSeconds", "Float")
            .ResolveAsync(context => StepAsync(context, "tests", new
            {
                prompts = context.Argument<IReadOnlyList<object?>>("prompts")!.Cast<string>().ToList(),
                callTimeoutSeconds = context.Argument<double?>("callTimeoutSeconds"),
            })))
        .Field("setModelAllowed", "ModelAllowance!", f => f
            .Description("Allow or disallow a model (catalog key) for the organisation; a disallowed model is never suggested.")
            .Argument("model", "String!").Argument("allowed", "Boolean!")
            .ResolveAsync(async context =>
            {
                QueryCaller.Of(context).Require(Role.Admin);
                var model = context.Argument<string>("model")!;
                var allowed = context.Argument<bool>("allowed");
                await upstream.SendAsync(UpstreamClient.Recommendations, HttpMethod.Put, "/v1/models/allowance", new { model, allowed }, context.CancellationToken);
                return new Dictionary<string, object?> { ["model"] = model, ["allowed"] = allowed };
            }));

    private async Task<object?> StepAsync(ResolveContext context, string step, object? body)
    {
        QueryCaller.Of(context).Require(Role.Admin);
        var path = $"/v1/recommendations/{Uri.EscapeDataString(context.Argument<string>("id")!)}/{step}";
        var answer = await upstream.SendAsync(UpstreamClient.Recommendations, HttpMethod.Post, path, body, context.CancellationToken);
        // The owner answers with the recommendation's state: the shape the list reader reads it in.
        return answer is { ValueKind: JsonValueKind.Object } state ? RecommendationShape.Of(state.Deserialize<ListedRecommendation>(JsonSerializerOptions.Web)!) : null;
    }
}
