using TokenOptimizer.Catalog;
using TokenOptimizer.Ingestion.PricingModels;
using TokenOptimizer.UsageLog;

namespace TokenOptimizer.Ingestion.ImportingCatalogs;

/// <summary>
/// What a price file changes in a price list from an instant on, against the public price in force then (an earlier
/// import's or the shipped one; custom prices stay above both). Pure: the list, file and instant arrive as arguments.
/// </summary>
public sealed record CatalogDiff(
    IReadOnlyList<ImportedModelPrice> NewModels,
    IReadOnlyList<ChangedModelPrice> ChangedPrices,
    IReadOnlyList<string> RemovedModels,
    int Unchanged,
    IReadOnlyList<ImportedModelPrice> Prices)
{
    private static readonly (string Name, Func<ModelPrice, TokenRates?> Of)[] Tiers =
    [
        ("standard", p => p.Standard), ("above200k", p => p.Above200k), ("above128k", p => p.Above128k),
        ("batch", p => p.Batch), ("flex", p => p.Flex), ("priority", p => p.Priority),
    ];

    private static readonly (string Name, Func<TokenRates, decimal?> Of)[] Rates =
    [
        ("input", r => r.Input), ("output", r => r.Output), ("cacheRead", r => r.CacheRead),
        ("cacheWrite", r => r.CacheWrite), ("cacheWriteOneHour", r => r.CacheWriteOneHour), ("reasoning", r => r.Reasoning),
    ];

    public bool IsEmpty => Prices.Count == 0;

    public static CatalogDiff Between(PriceList list, PriceFile file, DateTimeOffset effectiveFrom)
    {
        ArgumentNullException.ThrowIfNull(list);
        ArgumentNullException.ThrowIfNull(file);
        var catalog = list.Catalog;
        var (added, changed, prices, unchanged) = (new List<ImportedModelPrice>(), new List<ChangedModelPrice>(), new List<ImportedModelPrice>(), 0);
        var inFile = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var price in file.Prices)
        {
            var key = KeyOf(catalog, file.Format, price);
            var current = key is null ? null : catalog.FindPublicPrice(key, effectiveFrom);
            if (file.Format == PriceFileFormats.Langfuse && current?.Source == PriceFileFormats.LiteLlm)
            {
                continue; // LiteLLM wins where both price a model, as in the shipped catalog
            }

            var keyed = price with { Model = key ?? price.Model };
            inFile.Add(keyed.Model);
            if (current is null)
            {
                added.Add(keyed);
                prices.Add(keyed);
            }
            else if (Differences(current, PriceList.ToCatalogPrice(keyed, "", file.Format, effectiveFrom)) is { Count: > 0 } rates)
            {
                changed.Add(new ChangedModelPrice(keyed.Model, current.Version, rates));
                prices.Add(keyed);
            }
            else
            {
                unchanged++;
            }
        }

        // Models this format priced that the file no longer lists keep their last price: usage history stays priced.
        var removed = catalog.Models
            .Where(m => !inFile.Contains(m.Key) && catalog.FindPublicPrice(m.Key, effectiveFrom)?.Source == file.Format)
            .Select(m => m.Key)
            .ToList();
        return new CatalogDiff(added, changed, removed, unchanged, prices);
    }

    // LiteLLM keys are catalog keys; a Langfuse name is resolved as a call's model name would be.
    private static string? KeyOf(ModelCatalog catalog, string format, ImportedModelPrice price) => format == PriceFileFormats.LiteLlm
        ? catalog.Find(price.Model)?.Key
        : catalog.Find(price.Model)?.Key ?? catalog.ResolveModel(price.Provider, price.Model);

    private static List<RateChange> Differences(ModelPrice current, ModelPrice imported) =>
    [
        .. from tier in Tiers
           from rate in Rates
           let before = tier.Of(current) is { } was ? rate.Of(was) : null
           let after = tier.Of(imported) is { } now ? rate.Of(now) : null
           where before != after
           select new RateChange(tier.Name, rate.Name, RatesPerMillionTokens.PerMillion(before), RatesPerMillionTokens.PerMillion(after)),
    ];
}
