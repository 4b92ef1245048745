using TokenOptimizer.Catalog;
using TokenOptimizer.ReadModels;

namespace TokenOptimizer.Recommendations.Suggesting;

/// <summary>
/// Cheaper models that fit the observed profile: a context window at least the p99 prompt, room for the p99
/// completion, every capability the traffic needs, and a quality score for the feature's task kind no more than
/// <see cref="RecommendationsOptions.MaxQualityDrop"/> below the current model's. The saving re-prices the window's
/// actual token mix (cached share, service and context tiers included) at both models' prices in force now.
/// </summary>
public sealed class ModelSwitchRule : IRecommendationRule
{
    // What a producer can state a call needed; the rest of a model's capabilities never rule a candidate out.
    private const ModelCapabilities Stateable = ModelCapabilities.Vision | ModelCapabilities.FunctionCalling | ModelCapabilities.ResponseSchema;

    public IEnumerable<Suggestion> Suggest(UsageProfile profile, SuggestionContext context)
    {
        if (context.Models.Find(profile.Provider, profile.Model) is not { } current
            || context.Pricer.Price(profile.Provider, profile.Model, profile.Mixes, context.Now) is not { } currentCost || currentCost <= 0)
        {
            return [];
        }

        var needed = NeededCapabilities(profile, current);
        var task = context.Options.TaskKindOf(profile.Feature);
        var currentQuality = QualityFor(current, task);
        var fits = new List<Suggestion>();
        foreach (var candidate in context.Models.All)
        {
            if (string.Equals(candidate.Key, current.Key, StringComparison.OrdinalIgnoreCase)
                || context.Disallowed.Contains(candidate.Key)
                || candidate.ContextWindow is not { } window || window < profile.P99InputTokens
                || (candidate.MaxOutputTokens is { } maxOutput && maxOutput < profile.P99OutputTokens)
                || (candidate.Capabilities & needed) != needed
                || currentQuality is null || QualityFor(candidate, task) is not { } candidateQuality
                || candidateQuality.Score < currentQuality.Score - context.Options.MaxQualityDrop
                || context.Pricer.Price(candidate.Provider, candidate.Key, profile.Mixes, context.Now) is not { } candidateCost
                || candidateCost >= currentCost)
            {
                continue;
            }

            var saving = currentCost - candidateCost;
            var delta = (double)(candidateQuality.Score - currentQuality.Score);
            var confidence = Confidence.Of(profile.Requests, profile.MeanCostUsd, profile.CostStdDevUsd);
            fits.Add(new Suggestion
            {
                Kind = RecommendationKinds.ModelSwitch, Feature = profile.Feature, Provider = profile.Provider, Model = profile.Model,
                CandidateProvider = candidate.Provider, CandidateModel = candidate.Key,
                Change = $"Move feature '{profile.Feature}' from {profile.Model} to {candidate.Key} ({candidate.Provider}).",
                MonthlySavingUsd = context.Monthly(saving), SavingPercent = SuggestionContext.Percent(saving, currentCost),
                QualityDelta = delta, QualityImpact = QualityImpact.Label(delta),
                QualitySource = candidateQuality.Source == currentQuality.Source ? currentQuality.Source : $"{currentQuality.Source}; {candidateQuality.Source}",
                Confidence = confidence, ConfidenceLabel = Confidence.Label(confidence),
                Evidence = new Dictionary<string, decimal>
                {
                    ["requests"] = profile.Requests,
                    ["current_cost_usd"] = currentCost,
                    ["candidate_cost_usd"] = candidateCost,
                    ["p99_prompt_tokens"] = profile.P99InputTokens,
                    ["candidate_context_window"] = window,
                    ["cached_input_share"] = profile.InputTokens == 0 ? 0 : Math.Round((decimal)profile.CachedInputTokens / profile.InputTokens, 4),
                    ["current_quality"] = currentQuality.Score,
                    ["candidate_quality"] = candidateQuality.Score,
                },
            });
        }

        return fits.OrderByDescending(s => s.MonthlySavingUsd).Take(context.Options.CandidatesPerModel);
    }

    /// <summary>What the calls said they needed; calls that said nothing may need whatever the current model offers.</summary>
    public static ModelCapabilities NeededCapabilities(UsageProfile profile, ModelProfile current) =>
        profile.StatedCapabilities | (profile.UnstatedCapabilityRequests > 0 ? current.Capabilities & Stateable : ModelCapabilities.None);

    private static QualityScore? QualityFor(ModelProfile model, string task) =>
        model.Quality.GetValueOrDefault(task) ?? model.Quality.GetValueOrDefault(TaskKinds.General);
}
