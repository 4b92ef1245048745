using System.Collections.Frozen;
using System.Collections.Immutable;

namespace TokenOptimizer.Catalog;

/// <summary>
/// The model price catalog: what each model costs, and since when. Immutable and safe to read from any
/// number of threads; <see cref="WithCustomPrice"/> returns a new catalog, so a service that lets
/// administrators set prices swaps its reference to the current catalog (readers never take a lock).
/// </summary>
/// <remarks>
/// Three layers price a model, each effective-dated: an administrator's custom price in force wins; else the price of
/// an imported public list in force (<see cref="WithImportedPrice"/>); else the shipped one.
/// </remarks>
public sealed partial class ModelCatalog
{
    private const string ResourceName = "TokenOptimizer.Catalog.model-prices.json";

    private static readonly Lazy<ModelCatalog> DefaultCatalog = new(LoadEmbedded);

    private readonly FrozenDictionary<string, CatalogEntry> _shipped;
    private readonly FrozenSet<string> _knownProviderFamilies;
    private readonly ImmutableArray<ModelInfo> _shippedModels;

    // Custom and imported prices per catalog key (oldest first, ties in the order they were added), and the entries
    // either created for models the shipped data lacks.
    private readonly ImmutableDictionary<string, ImmutableArray<ModelPrice>> _customPrices;
    private readonly ImmutableDictionary<string, ImmutableArray<ModelPrice>> _importedPrices;
    private readonly ImmutableDictionary<string, CatalogEntry> _customEntries;

    // Aliases per reported name (oldest first, ties in the order they were added).
    private readonly ImmutableDictionary<string, ImmutableArray<ModelAlias>> _aliases;

    internal ModelCatalog(IEnumerable<CatalogEntry> shipped)
    {
        _shipped = shipped.ToFrozenDictionary(e => e.Info.Key, StringComparer.OrdinalIgnoreCase);
        _knownProviderFamilies = _shipped.Values.Select(e => e.ProviderFamily).ToFrozenSet(StringComparer.OrdinalIgnoreCase);
        _shippedModels = [.. _shipped.Values.Select(e => e.Info).OrderBy(m => m.Key, StringComparer.Ordinal)];
        _customPrices = ImmutableDictionary.Create<string, ImmutableArray<ModelPrice>>(StringComparer.OrdinalIgnoreCase);
        _importedPrices = _customPrices;
        _customEntries = ImmutableDictionary.Create<string, CatalogEntry>(StringComparer.OrdinalIgnoreCase);
        _aliases = ImmutableDictionary.Create<string, ImmutableArray<ModelAlias>>(StringComparer.OrdinalIgnoreCase);
        Models = _shippedModels;
    }

    private ModelCatalog(
        ModelCatalog shippedFrom,
        ImmutableDictionary<string, ImmutableArray<ModelPrice>> customPrices,
        ImmutableDictionary<string, ImmutableArray<ModelPrice>> importedPrices,
        ImmutableDictionary<string, CatalogEntry> customEntries,
        ImmutableDictionary<string, ImmutableArray<ModelAlias>> aliases)
    {
        _aliases = aliases;
        _shipped = shippedFrom._shipped;
        _knownProviderFamilies = shippedFrom._knownProviderFamilies;
        _shippedModels = shippedFrom._shippedModels;
        _customPrices = customPrices;
        _importedPrices = importedPrices;
        _customEntries = customEntries;
        Models = customEntries.IsEmpty
            ? _shippedModels
            : [.. _shippedModels, .. customEntries.Values.Select(e => e.Info).OrderBy(m => m.Key, StringComparer.Ordinal)];
    }

    /// <summary>Every model in the catalog, shipped ones ordered by key, then those only custom or imported prices define.</summary>
    public IReadOnlyList<ModelInfo> Models { get; }

    /// <summary>The catalog shipped in this assembly (LiteLLM's cost map, with Langfuse's default prices for the models it lacks; see <c>Data/README.md</c>). Loaded once.</summary>
    public static ModelCatalog LoadDefault() => DefaultCatalog.Value;

    /// <summary>Reads a catalog in the shipped file's format, e.g. a newer snapshot.</summary>
    /// <exception cref="InvalidDataException">The data is malformed.</exception>
    public static ModelCatalog Load(Stream json) => CatalogFile.Read(json);

    /// <summary>The facts about a catalog key (case-insensitive), or <see langword="null"/> if there is no such key.</summary>
    public ModelInfo? Find(string key) => TryGetEntry(key, out var entry) ? entry.Info : null;

    /// <summary>
    /// The price of a catalog key in force at <paramref name="at"/>: the latest custom price effective by then, else
    /// the latest imported one, else the latest shipped one (see the remarks on <see cref="ModelCatalog"/>).
    /// <see langword="null"/> if the key is unknown or has no price yet at that instant.
    /// </summary>
    public ModelPrice? FindPrice(string key, DateTimeOffset at)
    {
        if (!TryGetEntry(key, out var entry))
        {
            return null;
        }

        return LatestAt(_customPrices, entry.Info.Key, at) ?? FindPublicPrice(entry, at);
    }

    /// <summary>
    /// The public price of a catalog key in force at <paramref name="at"/>, leaving custom prices aside: the latest
    /// imported one effective by then, else the shipped one. What an import is compared with.
    /// </summary>
    public ModelPrice? FindPublicPrice(string key, DateTimeOffset at) => TryGetEntry(key, out var entry) ? FindPublicPrice(entry, at) : null;

    /// <summary>Every price version of a catalog key, shipped, imported and custom, by effective date (oldest first).</summary>
    public IReadOnlyList<ModelPrice> PriceHistory(string key)
    {
        if (!TryGetEntry(key, out var entry))
        {
            return [];
        }

        return [.. entry.Prices
            .Concat(_importedPrices.GetValueOrDefault(entry.Info.Key, []))
            .Concat(_customPrices.GetValueOrDefault(entry.Info.Key, []))
            .OrderBy(p => p.EffectiveFrom)];
    }

    /// <summary>
    /// Returns a catalog that also holds <paramref name="price"/>. The price attaches to the entry its
    /// provider and model name exactly (see <see cref="CustomModelPrice.Model"/>) or creates a new one.
    /// This catalog is left unchanged.
    /// </summary>
    /// <exception cref="ArgumentException">The model or version is empty, or a rate is negative.</exception>
    public ModelCatalog WithCustomPrice(CustomModelPrice price)
    {
        ArgumentNullException.ThrowIfNull(price);
        ArgumentException.ThrowIfNullOrWhiteSpace(price.Model, nameof(price));
        ArgumentNullException.ThrowIfNull(price.Price, nameof(price));
        ArgumentException.ThrowIfNullOrWhiteSpace(price.Price.Version, nameof(price));
        ArgumentNullException.ThrowIfNull(price.Price.Standard, nameof(price));
        if (price.Price.HasNegativeRate)
        {
            throw new ArgumentException("A price cannot be negative.", nameof(price));
        }

        var families = ProviderNames.CallerFamilies(price.Provider);
        var model = price.Model.Trim();
        var customEntries = _customEntries;
        var key = FindExact(families, model);
        if (key is null)
        {
            // FindExact tried this very key and accepts whatever it finds there, so it is free.
            var family = families.Length == 0 ? "" : families[0];
            key = family.Length == 0 || model.StartsWith(family + "/", StringComparison.OrdinalIgnoreCase) ? model : $"{family}/{model}";
            var info = new ModelInfo { Key = key, Provider = price.Provider?.Trim() ?? "" };
            customEntries = customEntries.Add(key, new CatalogEntry(info, family, []));
        }

        return new ModelCatalog(this, InDateOrder(_customPrices, key, price.Price), _importedPrices, customEntries, _aliases);
    }

    /// <summary>
    /// Returns a catalog that also holds <paramref name="price"/>, a price of an imported public list for the catalog key
    /// <paramref name="model"/>'s <see cref="ModelInfo.Key"/> (exactly, case-insensitive), or a new entry described by
    /// <paramref name="model"/> if there is none. This catalog is left unchanged.
    /// </summary>
    /// <exception cref="ArgumentException">The key or version is empty, or a rate is negative.</exception>
    public ModelCatalog WithImportedPrice(ModelInfo model, ModelPrice price)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(price);
        ArgumentException.ThrowIfNullOrWhiteSpace(model.Key, nameof(model));
        ArgumentException.ThrowIfNullOrWhiteSpace(price.Version, nameof(price));
        ArgumentNullException.ThrowIfNull(price.Standard, nameof(price));
        if (price.HasNegativeRate)
        {
            throw new ArgumentException("A price cannot be negative.", nameof(price));
        }

        var customEntries = _customEntries;
        var key = model.Key.Trim();
        if (TryGetEntry(key, out var entry))
        {
            key = entry.Info.Key;
        }
        else
        {
            customEntries = customEntries.Add(key, new CatalogEntry(model with { Key = key }, ProviderNames.Family(model.Provider), []));
        }

        return new ModelCatalog(this, _customPrices, InDateOrder(_importedPrices, key, price), customEntries, _aliases);
    }

    /// <summary>Returns a catalog that also holds <paramref name="alias"/>. This catalog is left unchanged.</summary>
    /// <exception cref="ArgumentException">The name, model or version is empty.</exception>
    public ModelCatalog WithAlias(ModelAlias alias)
    {
        ArgumentNullException.ThrowIfNull(alias);
        ArgumentException.ThrowIfNullOrWhiteSpace(alias.Name, nameof(alias));
        ArgumentException.ThrowIfNullOrWhiteSpace(alias.Model, nameof(alias));
        ArgumentException.ThrowIfNullOrWhiteSpace(alias.Version, nameof(alias));

        var name = alias.Name.Trim();
        var existing = _aliases.TryGetValue(name, out var aliases) ? aliases : [];
        var position = 0;
        while (position < existing.Length && existing[position].EffectiveFrom <= alias.EffectiveFrom)
        {
            position++;
        }

        return new ModelCatalog(this, _customPrices, _importedPrices, _customEntries, _aliases.SetItem(name, existing.Insert(position, alias)));
    }

    /// <summary>
    /// The alias in force for <paramref name="name"/> (case-insensitive) reported under <paramref name="provider"/> at
    /// <paramref name="at"/>: the latest one effective by then whose provider is unset or of the same family.
    /// </summary>
    public ModelAlias? FindAlias(string? provider, string name, DateTimeOffset at)
    {
        ArgumentNullException.ThrowIfNull(name);
        if (!_aliases.TryGetValue(name.Trim(), out var aliases))
        {
            return null;
        }

        var families = ProviderNames.CallerFamilies(provider);
        for (var i = aliases.Length - 1; i >= 0; i--)
        {
            var alias = aliases[i];
            if (alias.EffectiveFrom <= at && (alias.Provider is null || families.Length == 0 || ProviderNames.CallerFamilies(alias.Provider).Intersect(families).Any()))
            {
                return alias;
            }
        }

        return null;
    }

    private ModelPrice? FindPublicPrice(CatalogEntry entry, DateTimeOffset at) =>
        LatestAt(_importedPrices, entry.Info.Key, at) ?? LatestAt(entry.Prices, at);

    private static ModelPrice? LatestAt(ImmutableDictionary<string, ImmutableArray<ModelPrice>> prices, string key, DateTimeOffset at) =>
        prices.TryGetValue(key, out var dated) ? LatestAt(dated, at) : null;

    // After the prices of the same or an earlier date: of two for the same instant, the one added later wins.
    private static ImmutableDictionary<string, ImmutableArray<ModelPrice>> InDateOrder(
        ImmutableDictionary<string, ImmutableArray<ModelPrice>> prices, string key, ModelPrice price)
    {
        var existing = prices.TryGetValue(key, out var dated) ? dated : [];
        var position = 0;
        while (position < existing.Length && existing[position].EffectiveFrom <= price.EffectiveFrom)
        {
            position++;
        }

        return prices.SetItem(key, existing.Insert(position, price));
    }

    private static ModelPrice? LatestAt(ImmutableArray<ModelPrice> prices, DateTimeOffset at)
    {
        for (var i = prices.Length - 1; i >= 0; i--)
        {
            if (prices[i].EffectiveFrom <= at)
            {
                return prices[i];
            }
        }

        return null;
    }

    private bool TryGetEntry(string key, out CatalogEntry entry)
    {
        ArgumentNullException.ThrowIfNull(key);
        return _shipped.TryGetValue(key, out entry!) || _customEntries.TryGetValue(key, out entry!);
    }

    private static ModelCatalog LoadEmbedded()
    {
        using var stream = typeof(ModelCatalog).Assembly.GetManifestResourceStream(ResourceName)
            ?? throw new InvalidOperationException($"The embedded resource {ResourceName} is missing.");
        return CatalogFile.Read(stream);
    }
}
