namespace TokenOptimizer.Ingestion.ImportingCatalogs;

/// <summary>A model an import re-prices: the public price it replaces and each rate that differs.</summary>
public sealed record ChangedModelPrice(string CatalogKey, string PreviousPriceVersion, IReadOnlyList<RateChange> Rates);
