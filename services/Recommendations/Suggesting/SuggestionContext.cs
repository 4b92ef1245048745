using TokenOptimizer.Catalog;
using TokenOptimizer.ReadModels;

namespace TokenOptimizer.Recommendations.Suggesting;

/// <summary>
/// What every rule computes against: the instant, the window, prices, the catalog with its scored candidates
/// (<see cref="Models"/>), and the organisation's choices.
/// </summary>
public sealed record SuggestionContext(
    DateTimeOffset Now, decimal ObservedDays, RecommendationsOptions Options, MixPricer Pricer, ModelCatalog Catalog, ModelProfiles Models, IReadOnlySet<string> Disallowed,
    IReadOnlyList<UsageProfile> AllProfiles)
{
    private readonly Lazy<ILookup<string, ModelProfile>> _byApiModel = new(() => Catalog.Models
        .Where(m => m.Mode is null or "chat")
        .Select(m => Models.Find(m.Key))
        .OfType<ModelProfile>()
        .Where(m => m.Provider.Length > 0)
        .ToLookup(m => m.Model, StringComparer.OrdinalIgnoreCase));

    /// <summary>Every chat entry of the catalog whose API model id is <paramref name="model"/>'s, at any provider, itself included.</summary>
    public IEnumerable<ModelProfile> SameModel(ModelProfile model) => _byApiModel.Value[model.Model];

    /// <summary>
    /// Window figures × this = a month's (30 days). The window's figures cover <see cref="ObservedDays"/>: the window,
    /// or less when traffic was first recorded later (a new installation), so advice is right from the first hour.
    /// </summary>
    public decimal MonthFactor => 30m / ObservedDays;

    public decimal Monthly(decimal windowAmount) => Math.Round(windowAmount * MonthFactor, 6);

    public static decimal Percent(decimal part, decimal whole) => whole == 0 ? 0 : Math.Round(part / whole * 100, 1);
}
