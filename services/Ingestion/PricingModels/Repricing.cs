using TokenOptimizer.Catalog;
using TokenOptimizer.Ingestion.RecordingUsage;
using TokenOptimizer.UsageLog;

namespace TokenOptimizer.Ingestion.PricingModels;

/// <summary>Decides whether a price list change changes a recorded call's cost. Pure: the catalog and the time arrive as arguments.</summary>
public static class Repricing
{
    /// <summary>
    /// Prices the call with <paramref name="catalog"/> (which holds <paramref name="change"/>). Only a call that this very
    /// change now covers is affected; its cost is compensated if it differs from the latest.
    /// </summary>
    public static RepricingDecision Decide(RecordedUsage usage, ModelCatalog catalog, PriceChange change, DateTimeOffset now)
    {
        if (usage.Usage.OccurredAt < change.EffectiveFrom)
        {
            return RepricingDecision.NotAffected;
        }

        var result = UsagePricer.Calculate(catalog, usage.Usage);
        if (!change.Covers(result))
        {
            return RepricingDecision.NotAffected;
        }

        var cost = UsagePricer.CostOf(result);
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
            Reason = change.Reason,
            RepricedAt = now,
        });
    }
}
