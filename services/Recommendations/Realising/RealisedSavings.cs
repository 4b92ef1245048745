using Microsoft.Extensions.Options;
using TokenOptimizer.ReadModels;
using TokenOptimizer.Recommendations.Lifecycle;

namespace TokenOptimizer.Recommendations.Realising;

/// <summary>
/// Measures what accepted advice saved: the feature's cost per call since acceptance against the baseline captured
/// when it was accepted, times the calls since. Recorded once enough calls (the minimum for advice) have come in, and
/// again whenever the figure moves by more than the material-change share.
/// </summary>
public sealed class RealisedSavings(
    RecommendationHandler handler, RequestLogReader requestLog, IOptions<RecommendationsOptions> options, TimeProvider clock)
{
    /// <param name="all">The recommendation list, as just read.</param>
    public async Task MeasureAsync(IReadOnlyList<Recommendation> all, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        foreach (var accepted in all.Where(r => r.IsAccepted))
        {
            var acceptance = accepted.Acceptance!;
            var (requests, after) = await requestLog.FeatureCostPerRequestAsync(accepted.Suggestion.Feature, acceptance.At, now, cancellationToken);
            if (requests < options.Value.MinimumRequests || acceptance.BaselineRequests == 0)
            {
                continue;
            }

            var saving = Math.Round((acceptance.BaselineCostPerRequestUsd - after) * requests, 6);
            await handler.HandleAsync(accepted.Id, state =>
                state?.Realised is { } last && Math.Abs(saving - last.RealisedSavingUsd) <= Math.Abs(last.RealisedSavingUsd) * options.Value.MaterialChange
                    ? []
                    : [new RecommendationRealised(now, acceptance.BaselineCostPerRequestUsd, after, requests, saving)],
                cancellationToken);
        }
    }
}
