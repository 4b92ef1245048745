using TokenOptimizer.ReadModels;

namespace TokenOptimizer.Recommendations.Suggesting;

/// <summary>
/// Large prompts on a model whose provider caches prompts, with little served from the cache yet. The saving
/// re-prices the window's mix as if <see cref="RecommendationsOptions.CachingTargetShare"/> of each prompt were read
/// from the cache; the evidence also gives the share the cache would need to serve to cut this spend by 10%.
/// </summary>
public sealed class PromptCachingRule : IRecommendationRule
{
    public IEnumerable<Suggestion> Suggest(UsageProfile profile, SuggestionContext context)
    {
        var target = context.Options.CachingTargetShare;
        var currentShare = profile.InputTokens == 0 ? 0 : (decimal)profile.CachedInputTokens / profile.InputTokens;
        if (context.Models.Find(profile.Provider, profile.Model) is not { SupportsPromptCaching: true }
            || profile.AverageInputTokens < context.Options.CachingMinimumPromptTokens || currentShare >= target
            || context.Pricer.Price(profile.Provider, profile.Model, profile.Mixes, context.Now) is not { } currentCost || currentCost <= 0)
        {
            return [];
        }

        var cached = profile.Mixes.Select(m => m with
        {
            CachedInputTokens = Math.Max(m.CachedInputTokens, Math.Min((long)(m.InputTokens * target), m.InputTokens - m.CacheWriteTokens)),
        });
        if (context.Pricer.Price(profile.Provider, profile.Model, cached, context.Now) is not { } cachedCost || cachedCost >= currentCost)
        {
            return [];
        }

        var saving = currentCost - cachedCost;
        // The saving grows linearly with the cached share: the share that would save a tenth of the spend.
        var shareForTenth = currentShare + (target - currentShare) * (currentCost / 10) / saving;
        var confidence = Confidence.Of(profile.Requests, profile.MeanCostUsd, profile.CostStdDevUsd);
        return
        [
            new Suggestion
            {
                Kind = RecommendationKinds.PromptCaching, Feature = profile.Feature, Provider = profile.Provider, Model = profile.Model,
                Change = $"Cache the repeated part of feature '{profile.Feature}' prompts on {profile.Model}: put stable instructions and context first "
                    + $"and mark them cacheable. Prompts average {profile.AverageInputTokens:N0} tokens; {currentShare:P0} are read from the cache today.",
                MonthlySavingUsd = context.Monthly(saving), SavingPercent = SuggestionContext.Percent(saving, currentCost),
                QualityImpact = QualityImpact.NotApplicable, Confidence = confidence, ConfidenceLabel = Confidence.Label(confidence),
                Evidence = new Dictionary<string, decimal>
                {
                    ["requests"] = profile.Requests,
                    ["average_prompt_tokens"] = (decimal)Math.Round(profile.AverageInputTokens, 1),
                    ["current_cached_share"] = Math.Round(currentShare, 4),
                    ["assumed_cached_share"] = target,
                    ["cached_share_for_10_percent_saving"] = Math.Round(Math.Min(shareForTenth, 1), 4),
                    ["current_cost_usd"] = currentCost,
                    ["cached_cost_usd"] = cachedCost,
                },
            },
        ];
    }
}
