namespace TokenOptimizer.Query.SettingModelPrices;

/// <summary>Ingestion's answer to a price (its <c>RepricingSummary</c>), as <c>setModelPrice</c> returns it.</summary>
public sealed record ModelPriceRepricing(
    string PriceVersion, string? CatalogKey, bool DryRun, bool PriceRecorded, int RecordsTouched, int PreviouslyUnpriced,
    decimal CostBeforeUsd, decimal CostAfterUsd, decimal DifferenceUsd, int Unchanged, int Applied, int Skipped);
