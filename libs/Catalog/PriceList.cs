using TokenOptimizer.UsageLog;

namespace TokenOptimizer.Catalog;

/// <summary>
/// The effective price list: the shipped catalog (every public source) with the imported catalogs, custom prices and
/// model aliases recorded up to a version of the <see cref="UsageStreams.ModelPrices"/> stream laid over it, all tiers,
/// effective-dated. A custom price beats an imported one, which beats the shipped one (see <see cref="ModelCatalog"/>).
/// Ingestion, Query and Recommendations each build it from the same events (<see cref="PriceStream"/>), so they price
/// alike. Immutable: every instance that has read the same version prices with the same catalog.
/// </summary>
public sealed class PriceList
{
    private const string VersionPrefix = "custom:";
    private const string AliasVersionPrefix = "alias:";
    private const string ImportVersionPrefix = "import:";

    /// <summary>The <see cref="ModelPrice.Source"/> of an administrator's price.</summary>
    public const string CustomSource = "custom";

    private PriceList(
        ModelCatalog shipped, ModelCatalog catalog, IReadOnlyList<ModelPriceSet> prices, IReadOnlyList<ModelAliasSet> aliases, IReadOnlyList<CatalogImported> imports)
    {
        Shipped = shipped;
        Catalog = catalog;
        Prices = prices;
        Aliases = aliases;
        Imports = imports;
    }

    /// <summary>The shipped prices, which every custom price is laid over.</summary>
    public ModelCatalog Shipped { get; }

    /// <summary>The shipped prices plus <see cref="Prices"/>.</summary>
    public ModelCatalog Catalog { get; }

    /// <summary>The custom prices in the order they were set.</summary>
    public IReadOnlyList<ModelPriceSet> Prices { get; }

    /// <summary>The model aliases in the order they were set.</summary>
    public IReadOnlyList<ModelAliasSet> Aliases { get; }

    /// <summary>The imported catalogs in the order they were imported.</summary>
    public IReadOnlyList<CatalogImported> Imports { get; }

    /// <summary>The stream version this list has read: the number of prices, aliases and imports recorded.</summary>
    public int Version => Prices.Count + Aliases.Count + Imports.Count;

    /// <summary>The version the next price set will get: its position in the stream.</summary>
    public string NextPriceVersion => VersionPrefix + (Version + 1);

    /// <summary>The version the next alias set will get: its position in the stream.</summary>
    public string NextAliasVersion => AliasVersionPrefix + (Version + 1);

    /// <summary>The version the next import will get: its position in the stream.</summary>
    public string NextImportVersion => ImportVersionPrefix + (Version + 1);

    /// <summary>
    /// The list the stream's events make, in stream order (<see cref="ModelPriceSet"/>, <see cref="ModelAliasSet"/>,
    /// <see cref="CatalogImported"/>).
    /// </summary>
    public static PriceList Of(ModelCatalog shipped, IEnumerable<object> events)
    {
        var list = new PriceList(shipped, shipped, [], [], []);
        return events.Aggregate(list, (current, change) => change switch
        {
            ModelPriceSet price => current.With(price),
            ModelAliasSet alias => current.With(alias),
            CatalogImported import => current.With(import),
            _ => current,
        });
    }

    /// <summary>The version an imported model's price gets: the import's, then the model, e.g. <c>import:4:gpt-4o</c>.</summary>
    public static string ImportedPriceVersion(string importVersion, string model) => $"{importVersion}:{model}";

    /// <summary>This list with one more price set after the others.</summary>
    public PriceList With(ModelPriceSet price) => new(Shipped, Catalog.WithCustomPrice(ToCatalogPrice(price)), [.. Prices, price], Aliases, Imports);

    /// <summary>This list with one more alias set after the others.</summary>
    public PriceList With(ModelAliasSet alias) => new(Shipped, Catalog.WithAlias(ToCatalogAlias(alias)), Prices, [.. Aliases, alias], Imports);

    /// <summary>This list with one more import after the others: each of its prices laid over the public prices.</summary>
    public PriceList With(CatalogImported import)
    {
        ArgumentNullException.ThrowIfNull(import);
        var catalog = import.Prices.Aggregate(Catalog, (current, price) => current.WithImportedPrice(
            new ModelInfo { Key = price.Model, Provider = price.Provider, Mode = price.Mode },
            ToCatalogPrice(price, ImportedPriceVersion(import.ImportVersion, price.Model), import.Format, import.EffectiveFrom)));
        return new PriceList(Shipped, catalog, Prices, Aliases, [.. Imports, import]);
    }

    /// <summary>An imported model's rates as the catalog holds them, under <paramref name="version"/>.</summary>
    public static ModelPrice ToCatalogPrice(ImportedModelPrice price, string version, string source, DateTimeOffset effectiveFrom)
    {
        ArgumentNullException.ThrowIfNull(price);
        return new ModelPrice
        {
            Version = version,
            Source = source,
            EffectiveFrom = effectiveFrom,
            Standard = ToRates(price.Standard),
            Above200k = price.Above200k is null ? null : ToRates(price.Above200k),
            Above128k = price.Above128k is null ? null : ToRates(price.Above128k),
            Batch = price.Batch is null ? null : ToRates(price.Batch),
            Flex = price.Flex is null ? null : ToRates(price.Flex),
            Priority = price.Priority is null ? null : ToRates(price.Priority),
        };
    }

    /// <summary>
    /// The price already set that <paramref name="price"/> repeats: the latest one for the same provider,
    /// model and instant, if its rates are the same. Setting it again then changes nothing.
    /// </summary>
    public ModelPriceSet? FindRepeated(ModelPriceSet price)
    {
        var latest = Prices.LastOrDefault(p =>
            string.Equals(p.Provider, price.Provider, StringComparison.OrdinalIgnoreCase)
            && string.Equals(p.Model, price.Model, StringComparison.OrdinalIgnoreCase)
            && p.EffectiveFrom == price.EffectiveFrom);
        return latest is not null && SameRates(latest, price) ? latest : null;
    }

    /// <summary>
    /// The alias already set that <paramref name="alias"/> repeats: the latest one for the same provider, name and
    /// instant, if it names the same model.
    /// </summary>
    public ModelAliasSet? FindRepeated(ModelAliasSet alias)
    {
        var latest = Aliases.LastOrDefault(a =>
            string.Equals(a.Provider, alias.Provider, StringComparison.OrdinalIgnoreCase)
            && string.Equals(a.Alias, alias.Alias, StringComparison.OrdinalIgnoreCase)
            && a.EffectiveFrom == alias.EffectiveFrom);
        return latest is not null && string.Equals(latest.Model, alias.Model, StringComparison.OrdinalIgnoreCase) ? latest : null;
    }

    /// <summary>The catalog key <paramref name="price"/> attaches to in this list's catalog.</summary>
    public string? CatalogKeyOf(ModelPriceSet price) => Catalog.ResolveModel(price.Provider, price.Model);

    /// <summary>The catalog key the model <paramref name="alias"/> names resolves to in this list's catalog.</summary>
    public string? CatalogKeyOf(ModelAliasSet alias) => Catalog.ResolveModel(alias.Provider, alias.Model);

    private static bool SameRates(ModelPriceSet a, ModelPriceSet b) =>
        a.Standard == b.Standard && a.Above200k == b.Above200k && a.Batch == b.Batch && a.Flex == b.Flex && a.Priority == b.Priority;

    private static CustomModelPrice ToCatalogPrice(ModelPriceSet price) => new()
    {
        Provider = price.Provider,
        Model = price.Model,
        Price = new ModelPrice
        {
            Version = price.PriceVersion,
            Source = CustomSource,
            EffectiveFrom = price.EffectiveFrom,
            Standard = ToRates(price.Standard),
            Above200k = price.Above200k is null ? null : ToRates(price.Above200k),
            Batch = price.Batch is null ? null : ToRates(price.Batch),
            Flex = price.Flex is null ? null : ToRates(price.Flex),
            Priority = price.Priority is null ? null : ToRates(price.Priority),
        },
    };

    private static ModelAlias ToCatalogAlias(ModelAliasSet alias) => new()
    {
        Provider = alias.Provider,
        Name = alias.Alias,
        Model = alias.Model,
        EffectiveFrom = alias.EffectiveFrom,
        Version = alias.AliasVersion,
    };

    private static TokenRates ToRates(PerTokenRates rates) => new()
    {
        Input = rates.InputUsd,
        Output = rates.OutputUsd,
        CacheRead = rates.CachedInputUsd,
        CacheWrite = rates.CacheWriteUsd,
        CacheWriteOneHour = rates.CacheWriteOneHourUsd,
        Reasoning = rates.ReasoningUsd,
    };
}
