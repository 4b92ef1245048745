using TokenOptimizer.Catalog;
using TokenOptimizer.UsageLog;

namespace TokenOptimizer.Ingestion.PricingModels;

/// <summary><see cref="PriceList"/> by <see cref="PriceChange"/>: the typed price and alias operations, for whichever the change holds.</summary>
internal static class PriceListChanges
{
    public static PriceList With(this PriceList list, PriceChange change) => change.Event switch
    {
        ModelPriceSet price => list.With(price),
        ModelAliasSet alias => list.With(alias),
        CatalogImported import => list.With(import),
        _ => throw new ArgumentException($"Not a price list change: {change.Event.GetType().Name}.", nameof(change)),
    };

    /// <summary>
    /// The change already made that <paramref name="change"/> repeats, if any (see the typed overloads). An import never
    /// repeats one: it holds only what differs from the list it was compared with, and a file imported again after
    /// another must count again.
    /// </summary>
    public static PriceChange? FindRepeated(this PriceList list, PriceChange change) => change.Event switch
    {
        ModelPriceSet price => list.FindRepeated(price) is { } repeated ? PriceChange.Of(repeated) : null,
        ModelAliasSet alias => list.FindRepeated(alias) is { } repeated ? PriceChange.Of(repeated) : null,
        _ => null,
    };

    public static string? CatalogKeyOf(this PriceList list, PriceChange change) => change.Event switch
    {
        ModelPriceSet price => list.CatalogKeyOf(price),
        ModelAliasSet alias => list.CatalogKeyOf(alias),
        _ => null,
    };
}
