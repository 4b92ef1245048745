namespace TokenOptimizer.Ingestion.PricingModels;

/// <summary>What a price does to recorded usage: the answer to a dry run, and the account of a real one.</summary>
/// <param name="PriceVersion">The price's version (for a dry run, the version it would get if set now).</param>
/// <param name="CatalogKey">The catalog entry the price attaches to.</param>
/// <param name="DryRun">Whether nothing was recorded.</param>
/// <param name="PriceRecorded">Whether the price was recorded now; false for a dry run and for a repeat of the price in force.</param>
/// <param name="RecordsTouched">Calls whose cost changes (a real run: changed).</param>
/// <param name="PreviouslyUnpriced">Of those, calls that had no price before.</param>
/// <param name="CostBeforeUsd">Their cost before, the unpriced ones adding nothing.</param>
/// <param name="CostAfterUsd">Their cost after.</param>
/// <param name="DifferenceUsd"><paramref name="CostAfterUsd"/> − <paramref name="CostBeforeUsd"/>.</param>
/// <param name="Unchanged">Calls the price covers that already had its cost (a repeated request finds only these).</param>
/// <param name="Applied">Compensating events appended (0 for a dry run).</param>
/// <param name="Skipped">Calls left as they were because they kept changing under the re-price; send the request again.</param>
public sealed record RepricingSummary(
    string PriceVersion,
    string? CatalogKey,
    bool DryRun,
    bool PriceRecorded,
    int RecordsTouched,
    int PreviouslyUnpriced,
    decimal CostBeforeUsd,
    decimal CostAfterUsd,
    decimal DifferenceUsd,
    int Unchanged,
    int Applied,
    int Skipped);
