using TokenOptimizer.ReadModels;

namespace TokenOptimizer.Recommendations.Suggesting;

/// <summary>
/// The same model served by another provider (any catalog entry with the same API model id): cheaper for the window's
/// token mix, or healthier (the current provider fails at least the failure threshold and at least twice as often as
/// the other did for the same model in the window). Quality is the model's own, so no quality score is needed.
/// </summary>
public sealed class ProviderSwitchRule : IRecommendationRule
{
    public IEnumerable<Suggestion> Suggest(UsageProfile profile, SuggestionContext context)
    {
        if (context.Models.Find(profile.Provider, profile.Model) is not { } current
            || context.Pricer.Price(profile.Provider, profile.Model, profile.Mixes, context.Now) is not { } currentCost || currentCost <= 0)
        {
            yield break;
        }

        foreach (var other in context.SameModel(current).Where(m => m.Provider != current.Provider))
        {
            if (context.Disallowed.Contains(other.Key)
                || context.Pricer.Price(other.Provider, other.Key, profile.Mixes, context.Now) is not { } otherCost)
            {
                continue;
            }

            var observed = context.AllProfiles.Where(p => context.Models.Find(p.Provider, p.Model)?.Key is { } key
                && string.Equals(key, other.Key, StringComparison.OrdinalIgnoreCase)).ToList();
            var otherErrorRate = observed.Sum(p => p.Requests) is > 0 and var calls ? (double)observed.Sum(p => p.Failures) / calls : (double?)null;
            var healthier = otherErrorRate is { } rate && profile.ErrorRate >= context.Options.FailureRateThreshold && profile.ErrorRate >= 2 * rate;
            var saving = currentCost - otherCost;
            if (saving <= 0 && !healthier)
            {
                continue;
            }

            var confidence = Confidence.Of(profile.Requests, profile.MeanCostUsd, profile.CostStdDevUsd);
            var evidence = new Dictionary<string, decimal>
            {
                ["requests"] = profile.Requests,
                ["current_cost_usd"] = currentCost,
                ["candidate_cost_usd"] = otherCost,
                ["current_error_rate"] = (decimal)Math.Round(profile.ErrorRate, 4),
            };
            if (otherErrorRate is { } observedRate)
            {
                evidence["candidate_error_rate"] = (decimal)Math.Round(observedRate, 4);
            }

            yield return new Suggestion
            {
                Kind = RecommendationKinds.ProviderSwitch, Feature = profile.Feature, Provider = profile.Provider, Model = profile.Model,
                CandidateProvider = other.Provider, CandidateModel = other.Key,
                Change = $"Call {current.Model} for feature '{profile.Feature}' through {other.Provider} instead of {profile.Provider}"
                    + (healthier ? $": it failed {otherErrorRate:P1} of calls there against {profile.ErrorRate:P1} here." : "."),
                MonthlySavingUsd = context.Monthly(Math.Max(saving, 0)), SavingPercent = SuggestionContext.Percent(Math.Max(saving, 0), currentCost),
                QualityDelta = 0, QualityImpact = "the same model",
                Confidence = confidence, ConfidenceLabel = Confidence.Label(confidence), Evidence = evidence,
            };
        }
    }
}
