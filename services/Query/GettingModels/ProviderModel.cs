using TokenOptimizer.Catalog;
using TokenOptimizer.ReadModels;

namespace TokenOptimizer.Query.GettingModels;

/// <summary>A model that has been called: its health now and what the price catalog says about it.</summary>
public sealed record ProviderModel(string Provider, string Model, ModelHealth Health, ModelCatalogFacts? Catalog);

/// <summary>
/// A model's catalog entry in the effective price list (shipped prices with imported catalogs and the administrators' custom prices and aliases over them): the standard-tier
/// price in force now, per million tokens, and the model's limits and capabilities. A null rate is one the catalog
/// does not state.
/// </summary>
public sealed record ModelCatalogFacts(
    string CatalogKey, string? Mode, string? PriceVersion, string? PriceSource, DateTimeOffset? PriceEffectiveFrom,
    decimal? InputPerMillionTokensUsd, decimal? OutputPerMillionTokensUsd, decimal? CachedInputPerMillionTokensUsd,
    decimal? CacheWritePerMillionTokensUsd, decimal? ReasoningPerMillionTokensUsd,
    int? ContextWindow, int? MaxOutputTokens, IReadOnlyList<ModelCapabilities> Capabilities, IReadOnlyList<OtherSourcePrice> OtherSources,
    IReadOnlyList<ModelPriceVersion> PriceHistory)
{
    /// <summary>
    /// The facts of the entry <paramref name="model"/> resolves to under <paramref name="provider"/> (through an
    /// administrator's alias in force at <paramref name="at"/>, as calls are priced), or null if none.
    /// </summary>
    public static ModelCatalogFacts? Of(ModelCatalog catalog, string provider, string model, DateTimeOffset at)
    {
        var named = catalog.FindAlias(provider, model, at)?.Model ?? model;
        if (catalog.ResolveModel(provider, named) is not { } key || catalog.Find(key) is not { } info)
        {
            return null;
        }

        var price = catalog.FindPrice(key, at);
        var rates = price?.Standard;
        var capabilities = Enum.GetValues<ModelCapabilities>().Where(c => c != ModelCapabilities.None && info.Capabilities.HasFlag(c)).ToList();
        return new ModelCatalogFacts(key, info.Mode, price?.Version, price?.Source, price?.EffectiveFrom,
            PerMillion(rates?.Input), PerMillion(rates?.Output), PerMillion(rates?.CacheRead), PerMillion(rates?.CacheWrite), PerMillion(rates?.Reasoning),
            info.MaxInputTokens, info.MaxOutputTokens, capabilities, [.. info.OtherSources.Select(OtherSourcePrice.Of)],
            [.. catalog.PriceHistory(key).Select(ModelPriceVersion.Of)]);
    }

    // 0.0000025 × 1,000,000 is 2.5000000 as a decimal; show 2.5.
    internal static decimal? PerMillion(decimal? perToken) => perToken is { } rate ? rate * 1_000_000m / 1.000000000000000000000000000000000m : null;
}

/// <summary>Another public source's standard price for the model, where it differs from the shipped one, per million tokens.</summary>
public sealed record OtherSourcePrice(
    string Source, string PriceVersion, decimal? InputPerMillionTokensUsd, decimal? OutputPerMillionTokensUsd,
    decimal? CachedInputPerMillionTokensUsd, decimal? CacheWritePerMillionTokensUsd, decimal? CacheWriteOneHourPerMillionTokensUsd,
    decimal? ReasoningPerMillionTokensUsd)
{
    public static OtherSourcePrice Of(SourcedRates other) => new(
        other.Source, other.Version, ModelCatalogFacts.PerMillion(other.Rates.Input), ModelCatalogFacts.PerMillion(other.Rates.Output),
        ModelCatalogFacts.PerMillion(other.Rates.CacheRead), ModelCatalogFacts.PerMillion(other.Rates.CacheWrite),
        ModelCatalogFacts.PerMillion(other.Rates.CacheWriteOneHour), ModelCatalogFacts.PerMillion(other.Rates.Reasoning));
}
