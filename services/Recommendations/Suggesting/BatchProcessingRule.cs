using TokenOptimizer.Contracts;
using TokenOptimizer.ReadModels;

namespace TokenOptimizer.Recommendations.Suggesting;

/// <summary>
/// Standard-tier traffic of a feature that tolerates latency, on a model with a batch discount. Tolerance is what the
/// operator configured (<see cref="FeatureSettings.LatencyTolerant"/>), else inferred: nothing streamed (no one watches
/// tokens arrive) and the calls come in bursts (the four busiest hours of the day carry at least 80% of them, like
/// scheduled jobs). The saving re-prices the standard-tier calls at the batch tier.
/// </summary>
public sealed class BatchProcessingRule : IRecommendationRule
{
    public IEnumerable<Suggestion> Suggest(UsageProfile profile, SuggestionContext context)
    {
        var configured = context.Options.Features.GetValueOrDefault(profile.Feature)?.LatencyTolerant;
        var busiestShare = profile.Requests == 0 ? 0 : (decimal)profile.RequestsByHour.OrderDescending().Take(4).Sum() / profile.Requests;
        var inferred = profile.StreamingRequests == 0 && busiestShare >= 0.8m;
        if (!(configured ?? inferred)
            || context.Models.Find(profile.Provider, profile.Model) is not { HasBatchDiscount: true }
            || context.Pricer.Price(profile.Provider, profile.Model, profile.Mixes, context.Now) is not { } currentCost || currentCost <= 0)
        {
            return [];
        }

        var batched = profile.Mixes.Select(m => m.ServiceTier == ServiceTiers.Standard ? m with { ServiceTier = ServiceTiers.Batch } : m);
        if (context.Pricer.Price(profile.Provider, profile.Model, batched, context.Now) is not { } batchCost || batchCost >= currentCost)
        {
            return [];
        }

        var saving = currentCost - batchCost;
        var confidence = Confidence.Of(profile.Requests, profile.MeanCostUsd, profile.CostStdDevUsd);
        return
        [
            new Suggestion
            {
                Kind = RecommendationKinds.BatchProcessing, Feature = profile.Feature, Provider = profile.Provider, Model = profile.Model,
                Change = $"Send feature '{profile.Feature}' calls to {profile.Provider}'s batch API: "
                    + (configured is true ? "it is configured as latency-tolerant." : $"nothing streams and {busiestShare:P0} of calls come in four hours of the day."),
                MonthlySavingUsd = context.Monthly(saving), SavingPercent = SuggestionContext.Percent(saving, currentCost),
                QualityImpact = QualityImpact.NotApplicable, Confidence = confidence, ConfidenceLabel = Confidence.Label(confidence),
                Evidence = new Dictionary<string, decimal>
                {
                    ["requests"] = profile.Requests,
                    ["streaming_requests"] = profile.StreamingRequests,
                    ["busiest_four_hours_share"] = Math.Round(busiestShare, 4),
                    ["latency_tolerance_configured"] = configured is null ? 0 : 1,
                    ["current_cost_usd"] = currentCost,
                    ["batch_cost_usd"] = batchCost,
                },
            },
        ];
    }
}
