using TokenOptimizer.Catalog;

namespace TokenOptimizer.Query.GettingModels;

/// <summary>
/// The catalog Ingestion prices with: the effective price list (shipped prices with every custom price and alias an
/// administrator set laid over them), read from the price stream.
/// </summary>
public sealed class ModelCatalogQuery(PriceListReader prices)
{
    public async Task<ModelCatalog> LoadAsync(CancellationToken cancellationToken) => (await prices.ReadAsync(cancellationToken)).Catalog;
}
