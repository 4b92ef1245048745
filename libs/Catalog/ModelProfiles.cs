using System.Collections.Frozen;

namespace TokenOptimizer.Catalog;

/// <summary>
/// The profiles of the catalog's models as of one instant: the price catalog's facts joined with the quality
/// data. <see cref="All"/> lists the candidates a recommendation may suggest switching to. Immutable.
/// </summary>
public sealed class ModelProfiles
{
    private const string ChatMode = "chat";

    private static readonly FrozenDictionary<string, QualityScore> NoScores =
        FrozenDictionary<string, QualityScore>.Empty;

    private readonly ModelCatalog _catalog;
    private readonly ModelQuality _quality;
    private readonly DateTimeOffset _asOf;
    private readonly FrozenDictionary<string, ModelProfile> _candidates;

    /// <summary>Joins <paramref name="catalog"/> and <paramref name="quality"/>, pricing as of <paramref name="asOf"/>.</summary>
    public ModelProfiles(ModelCatalog catalog, ModelQuality quality, DateTimeOffset asOf)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        ArgumentNullException.ThrowIfNull(quality);
        _catalog = catalog;
        _quality = quality;
        _asOf = asOf;

        var candidates = new List<ModelProfile>();
        var unavailable = new List<string>();
        foreach (var entry in quality.Entries)
        {
            var profile = Build(entry.Key);
            if (profile is { Mode: null or ChatMode, Price: not null })
            {
                candidates.Add(profile);
            }
            else
            {
                unavailable.Add(entry.Key);
            }
        }

        _candidates = candidates.ToFrozenDictionary(p => p.Key, StringComparer.OrdinalIgnoreCase);
        All = [.. candidates.OrderBy(p => p.Key, StringComparer.Ordinal)];
        Unavailable = [.. unavailable];
    }

    /// <summary>
    /// Every scored chat model the catalog prices at the instant given: the candidates for a switch, ordered by key.
    /// A model whose entry states no mode (as one created by a custom price) counts as a chat model.
    /// </summary>
    public IReadOnlyList<ModelProfile> All { get; }

    /// <summary>
    /// Keys the quality data scores that <see cref="All"/> leaves out because the catalog does not know them,
    /// has no price for them yet, or lists them under another mode (e.g. <c>embedding</c>). Worth a warning: usually a typo in a user file.
    /// </summary>
    public IReadOnlyList<string> Unavailable { get; }

    /// <summary>The profiles of the shipped catalog and quality data, pricing as of <paramref name="asOf"/>.</summary>
    public static ModelProfiles LoadDefault(DateTimeOffset asOf) => new(ModelCatalog.LoadDefault(), ModelQuality.LoadDefault(), asOf);

    /// <summary>
    /// The profile of a catalog key (case-insensitive), or <see langword="null"/> if the catalog lacks it. A key the
    /// quality data does not score still has a profile, with no <see cref="ModelProfile.Family"/> and no scores.
    /// </summary>
    public ModelProfile? Find(string key)
    {
        ArgumentNullException.ThrowIfNull(key);
        return _candidates.GetValueOrDefault(key) ?? Build(key);
    }

    /// <summary>
    /// The profile of a model as a caller reports it, resolved as <see cref="ModelCatalog.ResolveModel"/> does
    /// (<c>openai</c>, <c>gpt-4o-2024-08-06</c> → the <c>gpt-4o</c> family's entry if the snapshot has none), through an
    /// administrator's alias in force then;
    /// <see langword="null"/> if the catalog does not know the model.
    /// </summary>
    public ModelProfile? Find(string? provider, string model) =>
        _catalog.ResolveModel(provider, _catalog.FindAlias(provider, model, _asOf)?.Model ?? model) is { } key ? Find(key) : null;

    private ModelProfile? Build(string key)
    {
        if (_catalog.Find(key) is not { } info)
        {
            return null;
        }

        var price = _catalog.FindPrice(info.Key, _asOf);
        var quality = _quality.Find(info.Key);
        var provider = ProviderNames.CallerFamilies(info.Provider) is [var family, ..] ? family : "";
        return new ModelProfile
        {
            Key = info.Key,
            Provider = provider,
            Model = ApiModel(info.Key, provider),
            Mode = info.Mode,
            Family = quality?.Family,
            Tier = quality?.Tier,
            ContextWindow = info.MaxInputTokens,
            MaxOutputTokens = info.MaxOutputTokens,
            Capabilities = info.Capabilities,
            Price = price,
            BatchDiscount = BatchDiscount(price),
            SupportsPromptCaching = info.Capabilities.HasFlag(ModelCapabilities.PromptCaching) || price?.Standard.CacheRead is not null,
            Quality = quality?.Scores ?? NoScores,
        };
    }

    private static string ApiModel(string key, string provider) =>
        provider.Length > 0 && key.StartsWith(provider + "/", StringComparison.OrdinalIgnoreCase) ? key[(provider.Length + 1)..] : key;

    private static decimal? BatchDiscount(ModelPrice? price)
    {
        if (price?.Batch is not { } batch)
        {
            return null;
        }

        var discount = Saving(price.Standard.Input, batch.Input) ?? Saving(price.Standard.Output, batch.Output);
        return discount > 0 ? discount : null;
    }

    private static decimal? Saving(decimal? standard, decimal? batch) =>
        standard > 0 && batch is { } rate ? 1 - (rate / standard.Value) : null;
}
