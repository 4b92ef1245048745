using TokenOptimizer.Catalog;
using TokenOptimizer.UsageLog;

namespace TokenOptimizer.Ingestion.PricingModels;

/// <summary>
/// The custom prices recorded up to a version of the <see cref="UsageStreams.ModelPrices"/> stream, and the
/// catalog they make with the shipped prices. Immutable: every instance that has read the same version
/// prices with the same catalog.
/// </summary>
public sealed class PriceList
{
    private const string VersionPrefix = "custom:";

    private PriceList(ModelCatalog shipped, ModelCatalog catalog, IReadOnlyList<ModelPriceSet> prices)
    {
        Shipped = shipped;
        Catalog = catalog;
        Prices = prices;
    }

    /// <summary>The shipped prices, which every custom price is laid over.</summary>
    public ModelCatalog Shipped { get; }

    /// <summary>The shipped prices plus <see cref="Prices"/>.</summary>
    public ModelCatalog Catalog { get; }

    /// <summary>The custom prices in the order they were set.</summary>
    public IReadOnlyList<ModelPriceSet> Prices { get; }

    /// <summary>The stream version this list has read: the number of prices set.</summary>
    public int Version => Prices.Count;

    /// <summary>The version the next price set will get.</summary>
    public string NextPriceVersion => VersionPrefix + (Version + 1);

    public static PriceList Of(ModelCatalog shipped, IEnumerable<ModelPriceSet> prices)
    {
        var list = new PriceList(shipped, shipped, []);
        return prices.Aggregate(list, (current, price) => current.With(price));
    }

    /// <summary>This list with one more price set after the others.</summary>
    public PriceList With(ModelPriceSet price) => new(Shipped, Catalog.WithCustomPrice(ToCatalogPrice(price)), [.. Prices, price]);

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

    /// <summary>The catalog key <paramref name="price"/> attaches to in this list's catalog.</summary>
    public string? CatalogKeyOf(ModelPriceSet price) => Catalog.ResolveModel(price.Provider, price.Model);

    private static bool SameRates(ModelPriceSet a, ModelPriceSet b) =>
        a.Standard == b.Standard && a.Above200k == b.Above200k && a.Batch == b.Batch && a.Flex == b.Flex && a.Priority == b.Priority;

    private static CustomModelPrice ToCatalogPrice(ModelPriceSet price) => new()
    {
        Provider = price.Provider,
        Model = price.Model,
        Price = new ModelPrice
        {
            Version = price.PriceVersion,
            EffectiveFrom = price.EffectiveFrom,
            Standard = ToRates(price.Standard),
            Above200k = price.Above200k is null ? null : ToRates(price.Above200k),
            Batch = price.Batch is null ? null : ToRates(price.Batch),
            Flex = price.Flex is null ? null : ToRates(price.Flex),
            Priority = price.Priority is null ? null : ToRates(price.Priority),
        },
    };

    private static TokenRates ToRates(PerTokenRates rates) => new()
    {
        Input = rates.InputUsd,
        Output = rates.OutputUsd,
        CacheRead = rates.CachedInputUsd,
        CacheWrite = rates.CacheWriteUsd,
        Reasoning = rates.ReasoningUsd,
    };
}
