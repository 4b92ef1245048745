using TokenOptimizer.UsageLog;

namespace TokenOptimizer.Ingestion.ImportingCatalogs;

/// <summary>A public price list as read: its format and each token-priced model's rates, keyed as the file keys them.</summary>
public sealed record PriceFile(string Format, IReadOnlyList<ImportedModelPrice> Prices);
