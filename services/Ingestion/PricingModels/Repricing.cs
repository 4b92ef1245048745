using System.Globalization;
using TokenOptimizer.Catalog;
using TokenOptimizer.Ingestion.RecordingUsage;
using TokenOptimizer.UsageLog;

namespace TokenOptimizer.Ingestion.PricingModels;

/// <summary>Decides whether a newly set price changes a recorded call's cost. Pure: the catalog and the time arrive as arguments.</summary>
public static class Repricing
{
    /// <summary>
    /// Prices the call with <paramref name="catalog"/> (which holds <paramref name="price"/>). Only a call
    /// that this very price now covers is affected; its cost is compensated if it differs from the latest.
    /// </summary>
    public static RepricingDecision Decide(RecordedUsage usage, ModelCatalog catalog, ModelPriceSet price, DateTimeOffset now)
    {
        if (usage.Usage.OccurredAt < price.EffectiveFrom)
        {
            return RepricingDecision.NotAffected;
        }

        var cost = UsagePricer.Price(catalog, usage.Usage);
        if (!cost.Priced || cost.PriceVersion != price.PriceVersion)
        {
            return RepricingDecision.NotAffected;
        }

        if (cost == usage.Cost)
        {
            return RepricingDecision.Unchanged;
        }

        return RepricingDecision.Reprice(new UsageRepriced
        {
            RequestId = usage.Usage.RequestId,
            OccurredAt = usage.Usage.OccurredAt,
            Previous = usage.Cost,
            Current = cost,
            Reason = ReasonFor(price),
            RepricedAt = now,
        });
    }

    /// <summary>E.g. <c>custom price custom:3 for azure/gpt-4o from 2026-06-01</c>.</summary>
    public static string ReasonFor(ModelPriceSet price)
    {
        var model = price.Provider is null ? price.Model : $"{price.Provider}/{price.Model}";
        var from = price.EffectiveFrom.UtcDateTime.TimeOfDay == TimeSpan.Zero
            ? price.EffectiveFrom.UtcDateTime.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)
            : price.EffectiveFrom.ToString("O", CultureInfo.InvariantCulture);
        return $"custom price {price.PriceVersion} for {model} from {from}";
    }
}
