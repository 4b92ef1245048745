using Marten;
using TokenOptimizer.UsageLog;

namespace TokenOptimizer.Catalog;

/// <summary>
/// Reads the <see cref="UsageStreams.ModelPrices"/> stream (the events Ingestion appends) through Marten into a
/// <see cref="PriceList"/>: the one way every service learns the administrators' prices and aliases.
/// </summary>
public static class PriceStream
{
    /// <summary>
    /// Every custom price and alias set so far, laid over <paramref name="shipped"/>; <paramref name="usageStore"/> is
    /// a store configured as <see cref="UsageEventStore.Configure"/> configures it.
    /// </summary>
    public static async Task<PriceList> ReadAsync(IDocumentStore usageStore, ModelCatalog shipped, CancellationToken cancellationToken)
    {
        var events = await EventStreams.ReadAsync(usageStore, UsageStreams.ModelPrices, cancellationToken);
        return PriceList.Of(shipped, events.Select(e => e.Data));
    }
}
