using TokenOptimizer.ReadModels;

namespace TokenOptimizer.Recommendations.Suggesting;

/// <summary>
/// Spend on calls that failed: tokens billed for nothing. Evidence sets the pair's failure rate beside its provider's
/// over every feature, so a provider problem is told from a feature's own.
/// </summary>
public sealed class FailureWasteRule : IRecommendationRule
{
    public IEnumerable<Suggestion> Suggest(UsageProfile profile, SuggestionContext context)
    {
        if (profile.FailedCostUsd <= 0 || profile.ErrorRate < context.Options.FailureRateThreshold)
        {
            return [];
        }

        var provider = context.AllProfiles.Where(p => p.Provider == profile.Provider).ToList();
        var providerRate = (decimal)provider.Sum(p => p.Failures) / Math.Max(1, provider.Sum(p => p.Requests));
        var confidence = Confidence.Of(profile.Failures, profile.MeanCostUsd, profile.CostStdDevUsd);
        return
        [
            new Suggestion
            {
                Kind = RecommendationKinds.FailureWaste, Feature = profile.Feature, Provider = profile.Provider, Model = profile.Model,
                Change = $"{profile.ErrorRate:P1} of feature '{profile.Feature}' calls to {profile.Model} at {profile.Provider} fail and are still billed: "
                    + "retry with backoff only on retryable errors, cap prompt size, or fall back to another provider.",
                MonthlySavingUsd = context.Monthly(profile.FailedCostUsd), SavingPercent = SuggestionContext.Percent(profile.FailedCostUsd, profile.CostUsd),
                QualityImpact = QualityImpact.NotApplicable, Confidence = confidence, ConfidenceLabel = Confidence.Label(confidence),
                Evidence = new Dictionary<string, decimal>
                {
                    ["requests"] = profile.Requests,
                    ["failures"] = profile.Failures,
                    ["error_rate"] = (decimal)Math.Round(profile.ErrorRate, 4),
                    ["provider_error_rate"] = Math.Round(providerRate, 4),
                    ["failed_cost_usd"] = profile.FailedCostUsd,
                },
            },
        ];
    }
}
