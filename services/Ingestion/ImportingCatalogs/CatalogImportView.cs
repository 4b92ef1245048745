using TokenOptimizer.Catalog;
using TokenOptimizer.UsageLog;

namespace TokenOptimizer.Ingestion.ImportingCatalogs;

/// <summary>An import as <c>GET /v1/admin/catalog/imports</c> lists it: which file, from when, and the price versions it made.</summary>
public sealed record CatalogImportView(
    string ImportVersion, string Format, string FileName, string Sha256, DateTimeOffset EffectiveFrom, DateTimeOffset ImportedAt,
    IReadOnlyList<string> PriceVersions)
{
    public static CatalogImportView From(CatalogImported import) => new(
        import.ImportVersion, import.Format, import.FileName, import.Sha256, import.EffectiveFrom, import.ImportedAt,
        [.. import.Prices.Select(p => PriceList.ImportedPriceVersion(import.ImportVersion, p.Model))]);
}
