using System.Text.Json;

namespace TokenOptimizer.Query.GettingRecommendations;

/// <summary>A recommendation's stored state (the Recommendations service's JSON) as the GraphQL <c>Recommendation</c> type.</summary>
public static class RecommendationShape
{
    public static Dictionary<string, object?> Of(JsonElement state, int? rank = null)
    {
        var suggestion = state.GetProperty("suggestion");
        return new Dictionary<string, object?>
        {
            ["id"] = state.GetProperty("id").GetString(),
            ["rank"] = rank,
            ["kind"] = suggestion.GetProperty("kind").GetString(),
            ["status"] = state.GetProperty("status").GetString(),
            ["feature"] = suggestion.GetProperty("feature").GetString(),
            ["provider"] = suggestion.GetProperty("provider").GetString(),
            ["model"] = suggestion.GetProperty("model").GetString(),
            ["candidateProvider"] = Text(suggestion, "candidateProvider"),
            ["candidateModel"] = Text(suggestion, "candidateModel"),
            ["budgetId"] = Text(suggestion, "budgetId"),
            ["change"] = suggestion.GetProperty("change").GetString(),
            ["monthlySavingUsd"] = suggestion.GetProperty("monthlySavingUsd").GetDecimal(),
            ["savingPercent"] = suggestion.GetProperty("savingPercent").GetDecimal(),
            ["qualityDelta"] = suggestion.TryGetProperty("qualityDelta", out var delta) && delta.ValueKind == JsonValueKind.Number ? delta.GetDouble() : null,
            ["qualityImpact"] = suggestion.GetProperty("qualityImpact").GetString(),
            ["qualitySource"] = Text(suggestion, "qualitySource"),
            ["confidence"] = suggestion.GetProperty("confidence").GetDouble(),
            ["confidenceLabel"] = suggestion.GetProperty("confidenceLabel").GetString(),
            ["evidence"] = suggestion.GetProperty("evidence").EnumerateObject()
                .Select(p => (object?)new Dictionary<string, object?> { ["name"] = p.Name, ["value"] = p.Value.GetDecimal() }).ToList(),
            ["suggestedAt"] = state.GetProperty("suggestedAt").GetDateTimeOffset(),
            ["updatedAt"] = state.GetProperty("updatedAt").GetDateTimeOffset(),
            ["snoozedUntil"] = state.TryGetProperty("snoozedUntil", out var until) && until.ValueKind == JsonValueKind.String ? until.GetDateTimeOffset() : null,
            ["dismissReason"] = Text(state, "dismissReason"),
            ["acceptedAt"] = state.TryGetProperty("acceptance", out var acceptance) && acceptance.ValueKind == JsonValueKind.Object
                ? acceptance.GetProperty("at").GetDateTimeOffset() : null,
            ["realisedSavingUsd"] = state.TryGetProperty("realised", out var realised) && realised.ValueKind == JsonValueKind.Object
                ? realised.GetProperty("realisedSavingUsd").GetDecimal() : null,
            ["lastTest"] = state.TryGetProperty("lastTest", out var test) && test.ValueKind == JsonValueKind.Object ? Test(test) : null,
        };
    }

    private static Dictionary<string, object?> Test(JsonElement tested)
    {
        var result = tested.GetProperty("result");
        var summary = result.GetProperty("summary");
        return new Dictionary<string, object?>
        {
            ["testId"] = tested.GetProperty("testId").GetString(),
            ["at"] = tested.GetProperty("at").GetDateTimeOffset(),
            ["prompts"] = result.GetProperty("prompts").GetArrayLength(),
            ["meanAgreement"] = summary.TryGetProperty("meanAgreement", out var agreement) && agreement.ValueKind == JsonValueKind.Number ? agreement.GetDouble() : null,
            ["current"] = Side(summary.GetProperty("current")),
            ["candidate"] = Side(summary.GetProperty("candidate")),
        };
    }

    private static Dictionary<string, object?> Side(JsonElement side) => new()
    {
        ["provider"] = side.GetProperty("model").GetProperty("provider").GetString(),
        ["model"] = side.GetProperty("model").GetProperty("model").GetString(),
        ["succeeded"] = side.GetProperty("succeeded").GetInt32(),
        ["failed"] = side.GetProperty("failed").GetInt32(),
        ["averageLatencyMs"] = side.TryGetProperty("averageLatencyMs", out var latency) && latency.ValueKind == JsonValueKind.Number ? latency.GetDouble() : null,
        ["inputTokens"] = side.GetProperty("inputTokens").GetInt64(),
        ["outputTokens"] = side.GetProperty("outputTokens").GetInt64(),
        ["totalCostUsd"] = side.GetProperty("totalCostUsd").GetDecimal(),
    };

    private static string? Text(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
}
