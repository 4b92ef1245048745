using System.Text.Json;
using TokenOptimizer.Catalog;
using TokenOptimizer.Query.Upstreams;

namespace TokenOptimizer.Query.GettingModels;

/// <summary>
/// The catalog Ingestion prices with: the shipped one with every custom price an administrator set laid over it,
/// in the order they were set (from <c>GET /v1/admin/model-prices</c>, the prices' owner).
/// </summary>
public sealed class ModelCatalogQuery(UpstreamClient upstream)
{
    public async Task<ModelCatalog> LoadAsync(CancellationToken cancellationToken)
    {
        var answer = await upstream.SendAsync(UpstreamClient.Ingestion, HttpMethod.Get, "/v1/admin/model-prices", null, cancellationToken);
        var prices = answer?.Deserialize<List<CustomPrice>>(JsonSerializerOptions.Web) ?? [];
        return prices.Aggregate(ModelCatalog.LoadDefault(), (catalog, price) => catalog.WithCustomPrice(new CustomModelPrice
        {
            Provider = price.Provider,
            Model = price.Model,
            Price = new ModelPrice
            {
                Version = price.PriceVersion,
                Source = "custom",
                EffectiveFrom = price.EffectiveFrom,
                Standard = new TokenRates
                {
                    Input = PerToken(price.InputPerMillionTokens),
                    Output = PerToken(price.OutputPerMillionTokens),
                    CacheRead = PerToken(price.CachedInputPerMillionTokens),
                    CacheWrite = PerToken(price.CacheWritePerMillionTokens),
                    Reasoning = PerToken(price.ReasoningPerMillionTokens),
                },
            },
        }));
    }

    private static decimal? PerToken(decimal? perMillion) => perMillion / 1_000_000m;

    // The standard rates of Ingestion's CustomPriceView: the tiers are not shown here.
    private sealed record CustomPrice(
        string PriceVersion, string? Provider, string Model, DateTimeOffset EffectiveFrom, decimal? InputPerMillionTokens, decimal? OutputPerMillionTokens,
        decimal? CachedInputPerMillionTokens, decimal? CacheWritePerMillionTokens, decimal? ReasoningPerMillionTokens);
}
