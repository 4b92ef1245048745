using TokenOptimizer.ReadModels;
using TokenOptimizer.Recommendations.Suggesting;

namespace TokenOptimizer.Recommendations.Lifecycle;

/// <summary>A recommendation's state, folded from its stream.</summary>
public sealed record Recommendation
{
    public required string Id { get; init; }

    public required Suggestion Suggestion { get; init; }

    public required string Status { get; init; }

    public required DateTimeOffset SuggestedAt { get; init; }

    public required DateTimeOffset UpdatedAt { get; init; }

    public DateTimeOffset? SnoozedUntil { get; init; }

    public string? DismissReason { get; init; }

    public RecommendationAccepted? Acceptance { get; init; }

    public RecommendationTested? LastTest { get; init; }

    public RecommendationRealised? Realised { get; init; }

    /// <summary>Whether the advice was acted on: accepted, and possibly tested or measured since.</summary>
    public bool IsAccepted => Acceptance is not null;

    public static string StreamFor(string id) => "recommendation-" + id;

    public static Recommendation? Evolve(Recommendation? state, object @event) => @event switch
    {
        RecommendationSuggested s when state is null => new Recommendation
        {
            Id = s.Suggestion.Id, Suggestion = s.Suggestion, Status = RecommendationStatus.Suggested, SuggestedAt = s.At, UpdatedAt = s.At,
        },
        // Suggested again after a withdrawal: open again, history kept.
        RecommendationSuggested s => state with { Suggestion = s.Suggestion, Status = RecommendationStatus.Suggested, UpdatedAt = s.At },
        RecommendationRevised r when state is not null => state with { Suggestion = r.Suggestion, UpdatedAt = r.At },
        RecommendationWithdrawn w when state is not null => state with { Status = RecommendationStatus.Withdrawn, UpdatedAt = w.At },
        RecommendationAccepted a when state is not null => state with { Status = RecommendationStatus.Accepted, Acceptance = a, SnoozedUntil = null, UpdatedAt = a.At },
        RecommendationDismissed d when state is not null => state with { Status = RecommendationStatus.Dismissed, DismissReason = d.Reason, UpdatedAt = d.At },
        RecommendationSnoozed z when state is not null => state with { Status = RecommendationStatus.Snoozed, SnoozedUntil = z.Until, UpdatedAt = z.At },
        RecommendationTested t when state is not null => state with
        {
            Status = state.IsAccepted ? state.Status : RecommendationStatus.Tested, LastTest = t, UpdatedAt = t.At,
        },
        RecommendationRealised r when state is not null => state with { Status = RecommendationStatus.Realised, Realised = r, UpdatedAt = r.At },
        _ => state,
    };
}
