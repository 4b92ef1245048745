using TokenOptimizer.Catalog;
using TokenOptimizer.Recommendations.Profiling;

namespace TokenOptimizer.Recommendations.Suggesting;

/// <summary>What every rule computes against: the instant, the window, prices, model profiles and the organisation's choices.</summary>
public sealed record SuggestionContext(
    DateTimeOffset Now, RecommendationsOptions Options, MixPricer Pricer, ModelProfiles Models, IReadOnlySet<string> Disallowed,
    IReadOnlyList<UsageProfile> AllProfiles)
{
    /// <summary>Window figures × this = a month's (30 days).</summary>
    public decimal MonthFactor => 30m / (decimal)Options.Window.TotalDays;

    public decimal Monthly(decimal windowAmount) => Math.Round(windowAmount * MonthFactor, 6);

    public static decimal Percent(decimal part, decimal whole) => whole == 0 ? 0 : Math.Round(part / whole * 100, 1);
}
