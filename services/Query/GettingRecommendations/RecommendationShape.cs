using TokenOptimizer.ReadModels;

namespace TokenOptimizer.Query.GettingRecommendations;

/// <summary>A recommendation as the list reader gives it, as the GraphQL <c>Recommendation</c> type.</summary>
public static class RecommendationShape
{
    public static Dictionary<string, object?> Of(ListedRecommendation state, int? rank = null)
    {
        var suggestion = state.Suggestion;
        return new Dictionary<string, object?>
        {
            ["id"] = state.Id,
            ["rank"] = rank,
            ["kind"] = suggestion.Kind,
            ["status"] = state.Status,
            ["feature"] = suggestion.Feature,
            ["provider"] = suggestion.Provider,
            ["model"] = suggestion.Model,
            ["candidateProvider"] = suggestion.CandidateProvider,
            ["candidateModel"] = suggestion.CandidateModel,
            ["budgetId"] = suggestion.BudgetId,
            ["change"] = suggestion.Change,
            ["monthlySavingUsd"] = suggestion.MonthlySavingUsd,
            ["savingPercent"] = suggestion.SavingPercent,
            ["qualityDelta"] = suggestion.QualityDelta,
            ["qualityImpact"] = suggestion.QualityImpact,
            ["qualitySource"] = suggestion.QualitySource,
            ["confidence"] = suggestion.Confidence,
            ["confidenceLabel"] = suggestion.ConfidenceLabel,
            ["evidence"] = suggestion.Evidence.Select(p => (object?)new Dictionary<string, object?> { ["name"] = p.Key, ["value"] = p.Value }).ToList(),
            ["suggestedAt"] = state.SuggestedAt,
            ["updatedAt"] = state.UpdatedAt,
            ["snoozedUntil"] = state.SnoozedUntil,
            ["dismissReason"] = state.DismissReason,
            ["acceptedAt"] = state.Acceptance?.At,
            ["realisedSavingUsd"] = state.Realised?.RealisedSavingUsd,
            ["lastTest"] = state.LastTest is { } test ? Test(test) : null,
        };
    }

    private static Dictionary<string, object?> Test(ListedModelTest tested) => new()
    {
        ["testId"] = tested.TestId,
        ["at"] = tested.At,
        ["prompts"] = tested.Result.Prompts.Count,
        ["meanAgreement"] = tested.Result.Summary.MeanAgreement,
        ["current"] = Side(tested.Result.Summary.Current),
        ["candidate"] = Side(tested.Result.Summary.Candidate),
    };

    private static Dictionary<string, object?> Side(ListedTestSide side) => new()
    {
        ["provider"] = side.Model.Provider,
        ["model"] = side.Model.Model,
        ["succeeded"] = side.Succeeded,
        ["failed"] = side.Failed,
        ["averageLatencyMs"] = side.AverageLatencyMs,
        ["inputTokens"] = side.InputTokens,
        ["outputTokens"] = side.OutputTokens,
        ["totalCostUsd"] = side.TotalCostUsd,
    };
}
