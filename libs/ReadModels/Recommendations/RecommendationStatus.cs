namespace TokenOptimizer.ReadModels;

/// <summary>Where a recommendation is in its lifecycle: suggested → accepted / dismissed / snoozed → tested → realised.</summary>
public static class RecommendationStatus
{
    public const string Suggested = "suggested";
    public const string Accepted = "accepted";
    public const string Dismissed = "dismissed";
    public const string Snoozed = "snoozed";
    public const string Tested = "tested";
    public const string Realised = "realised";
    public const string Withdrawn = "withdrawn";

    public static IReadOnlyList<string> All { get; } = [Suggested, Accepted, Dismissed, Snoozed, Tested, Realised, Withdrawn];

    /// <summary>Advice nobody has decided on yet: what optimisation potential counts.</summary>
    public static IReadOnlyList<string> Open { get; } = [Suggested, Tested];
}
