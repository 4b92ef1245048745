namespace TokenOptimizer.Ingestion.PricingModels;

/// <summary>Running totals of a re-price.</summary>
public sealed class RepricingTally
{
    public int RecordsTouched { get; private set; }

    public int PreviouslyUnpriced { get; private set; }

    public decimal CostBeforeUsd { get; private set; }

    public decimal CostAfterUsd { get; private set; }

    public int Unchanged { get; private set; }

    public int Applied { get; set; }

    public int Skipped { get; set; }

    public void Count(RepricingDecision decision)
    {
        if (ReferenceEquals(decision, RepricingDecision.Unchanged))
        {
            Unchanged++;
        }
        else if (decision.Repriced is { } repriced)
        {
            RecordsTouched++;
            PreviouslyUnpriced += repriced.Previous.Priced ? 0 : 1;
            CostBeforeUsd += repriced.Previous.Priced ? repriced.Previous.TotalUsd : 0m;
            CostAfterUsd += repriced.Current.TotalUsd;
        }
    }

    public RepricingSummary Summarise(PriceChange change, string? catalogKey, bool dryRun, bool priceRecorded) => new(
        change.Version,
        catalogKey,
        dryRun,
        priceRecorded,
        RecordsTouched,
        PreviouslyUnpriced,
        CostBeforeUsd,
        CostAfterUsd,
        CostAfterUsd - CostBeforeUsd,
        Unchanged,
        Applied,
        Skipped);
}
