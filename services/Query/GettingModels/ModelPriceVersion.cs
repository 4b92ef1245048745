using TokenOptimizer.Catalog;

namespace TokenOptimizer.Query.GettingModels;

/// <summary>One dated version of a model's price, shipped, imported or custom, standard tier per million tokens.</summary>
public sealed record ModelPriceVersion(
    string PriceVersion, string? Source, DateTimeOffset EffectiveFrom,
    decimal? InputPerMillionTokensUsd, decimal? OutputPerMillionTokensUsd, decimal? CachedInputPerMillionTokensUsd)
{
    public static ModelPriceVersion Of(ModelPrice price) => new(
        price.Version, price.Source, price.EffectiveFrom, ModelCatalogFacts.PerMillion(price.Standard.Input),
        ModelCatalogFacts.PerMillion(price.Standard.Output), ModelCatalogFacts.PerMillion(price.Standard.CacheRead));
}
