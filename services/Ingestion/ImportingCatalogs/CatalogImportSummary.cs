using TokenOptimizer.Ingestion.PricingModels;
using TokenOptimizer.UsageLog;

namespace TokenOptimizer.Ingestion.ImportingCatalogs;

/// <summary>What an import changes (or, for a dry run, would change): the answer of <c>POST /v1/admin/catalog/imports</c>.</summary>
/// <param name="ImportVersion">The import's version, <c>import:&lt;n&gt;</c> (for a dry run, the one it would get now); null when nothing changes.</param>
/// <param name="Format">The format the file was read as.</param>
/// <param name="Sha256">The SHA-256 of the file's text (UTF-8), lower-case hex.</param>
/// <param name="EffectiveFrom">From when its prices apply.</param>
/// <param name="DryRun">Whether nothing was recorded.</param>
/// <param name="Recorded">Whether the import was recorded now: false for a dry run and for a file that changes nothing.</param>
/// <param name="NewModels">Catalog keys the file adds.</param>
/// <param name="ChangedPrices">Models whose public price it changes, rate by rate.</param>
/// <param name="RemovedModels">Models of its format the file no longer lists: not deleted, they keep their last price.</param>
/// <param name="Unchanged">Models the file prices as they are priced already.</param>
/// <param name="Repricing">What re-pricing the usage it covers changed (would change); null when nothing changes.</param>
public sealed record CatalogImportSummary(
    string? ImportVersion,
    string Format,
    string Sha256,
    DateTimeOffset EffectiveFrom,
    bool DryRun,
    bool Recorded,
    IReadOnlyList<string> NewModels,
    IReadOnlyList<ChangedModelPrice> ChangedPrices,
    IReadOnlyList<string> RemovedModels,
    int Unchanged,
    RepricingSummary? Repricing)
{
    public static CatalogImportSummary Of(CatalogDiff diff, PriceFile file, string sha256, DateTimeOffset effectiveFrom, bool dryRun, RepricingSummary? repricing) => new(
        repricing?.PriceVersion,
        file.Format,
        sha256,
        effectiveFrom,
        dryRun,
        repricing?.PriceRecorded == true,
        [.. diff.NewModels.Select(m => m.Model)],
        diff.ChangedPrices,
        diff.RemovedModels,
        diff.Unchanged,
        repricing);
}
