using TokenOptimizer.Catalog;
using TokenOptimizer.Contracts;
using TokenOptimizer.UsageLog;

namespace TokenOptimizer.Ingestion.RecordingUsage;

/// <summary>Prices a usage record with the catalog in effect at its <see cref="UsageRecorded.OccurredAt"/>.</summary>
public sealed class UsagePricer(ModelCatalogHolder catalog)
{
    public UsageCost Price(UsageRecorded record) => Price(catalog.Current, record);

    /// <summary>Prices with a given catalog: re-pricing uses the catalog a new price makes, before or without swapping it in.</summary>
    public static UsageCost Price(ModelCatalog catalog, UsageRecorded record) => CostOf(Calculate(catalog, record));

    /// <summary>The calculator's whole answer, which also says which price and alias were used.</summary>
    public static PricingResult Calculate(ModelCatalog catalog, UsageRecorded record) => new CostCalculator(catalog).Price(new PricingRequest
    {
        Provider = record.Provider,
        Model = record.Model,
        ResponseModel = record.ResponseModel,
        ServiceTier = record.ServiceTier ?? ServiceTiers.Standard,
        OccurredAt = record.OccurredAt,
        InputTokens = record.InputTokens,
        OutputTokens = record.OutputTokens,
        CachedInputTokens = record.CachedInputTokens,
        CacheWriteTokens = record.CacheWriteTokens,
        CacheWriteOneHourTokens = record.CacheWriteOneHourTokens,
        ReasoningTokens = record.ReasoningTokens,
    });

    /// <summary>The cost as usage events store it.</summary>
    public static UsageCost CostOf(PricingResult result)
    {
        if (!result.IsPriced || result.Cost is null)
        {
            return new UsageCost { Priced = false, CatalogKey = result.CatalogKey, UnpricedReason = result.UnpricedReason };
        }

        return new UsageCost
        {
            Priced = true,
            CatalogKey = result.CatalogKey,
            PriceVersion = result.PriceVersion,
            InputUsd = result.Cost.Input,
            CachedInputUsd = result.Cost.CachedInput,
            CacheWriteUsd = result.Cost.CacheWrite,
            OutputUsd = result.Cost.Output,
            ReasoningUsd = result.Cost.Reasoning,
            TotalUsd = result.Cost.Total,
        };
    }
}
