using TokenOptimizer.Catalog;
using TokenOptimizer.Ingestion.PricingModels;

namespace TokenOptimizer.Ingestion.RecordingUsage;

/// <summary>
/// The catalog this instance prices with: the shipped prices plus the custom prices admins set, as of a
/// version of the price stream (<see cref="ModelPricesRefresher"/> keeps it current). Swapped whole, so a
/// record is priced against one consistent catalog.
/// </summary>
public sealed class ModelCatalogHolder
{
    private PriceList _prices = PriceList.Of(ModelCatalog.LoadDefault(), []);

    public ModelCatalog Current => Prices.Catalog;

    public PriceList Prices => Volatile.Read(ref _prices);

    /// <summary>Takes <paramref name="prices"/> unless it is older than what is held (a slow refresh racing a fast one).</summary>
    public void Replace(PriceList prices)
    {
        var held = Prices;
        while (prices.Version > held.Version)
        {
            var seen = Interlocked.CompareExchange(ref _prices, prices, held);
            if (ReferenceEquals(seen, held))
            {
                return;
            }

            held = seen;
        }
    }
}
