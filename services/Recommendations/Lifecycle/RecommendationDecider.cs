using TokenOptimizer.ReadModels;

namespace TokenOptimizer.Recommendations.Lifecycle;

/// <summary>
/// Which lifecycle step may follow which. Open advice (suggested, snoozed, tested) may be accepted, dismissed, snoozed
/// or tested; accepted advice may be tested and measured; dismissed and withdrawn advice takes no further step until it
/// is suggested again.
/// </summary>
public static class RecommendationDecider
{
    public static void EnsureCan(Recommendation? state, string action, string id)
    {
        if (state is null)
        {
            throw new RecommendationRejectedException($"There is no recommendation '{id}'.", notFound: true);
        }

        var allowed = action switch
        {
            "accept" or "dismiss" or "snooze" => state.Status is RecommendationStatus.Suggested or RecommendationStatus.Snoozed or RecommendationStatus.Tested,
            "test" => state.Status is not (RecommendationStatus.Dismissed or RecommendationStatus.Withdrawn),
            "realise" => state.IsAccepted,
            _ => false,
        };
        if (!allowed)
        {
            throw new RecommendationRejectedException($"Recommendation '{id}' is {state.Status}: it cannot be {Past(action)}.");
        }
    }

    private static string Past(string action) => action switch
    {
        "accept" => "accepted",
        "dismiss" => "dismissed",
        "snooze" => "snoozed",
        "test" => "tested",
        _ => "measured",
    };
}
