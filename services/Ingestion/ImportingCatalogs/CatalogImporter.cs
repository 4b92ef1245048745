using System.Security.Cryptography;
using System.Text;
using TokenOptimizer.Ingestion.PricingModels;
using TokenOptimizer.UsageLog;

namespace TokenOptimizer.Ingestion.ImportingCatalogs;

/// <summary>
/// Imports a price file: compares it with the price list in force, records what differs as one dated
/// <see cref="CatalogImported"/> in the price stream and re-prices the usage it covers, through the same path as a
/// custom price (<see cref="ModelPriceSetter"/>). A dry run, or a file that changes nothing, records nothing.
/// </summary>
public sealed class CatalogImporter(ModelPriceLog prices, ModelPriceSetter setter, TimeProvider clock)
{
    public async Task<CatalogImportSummary> ImportAsync(ImportCatalog command, PriceFile file, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(command);
        ArgumentNullException.ThrowIfNull(file);
        var importedAt = clock.GetUtcNow();
        var effectiveFrom = command.EffectiveFrom ?? importedAt;
        var sha256 = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(command.Content!)));

        var diff = CatalogDiff.Between(await prices.ReadAsync(cancellationToken), file, effectiveFrom);
        if (diff.IsEmpty)
        {
            return CatalogImportSummary.Of(diff, file, sha256, effectiveFrom, command.DryRun, repricing: null);
        }

        var repricing = await setter.ChangeAsync(
            current =>
            {
                // Compared again with the list the import is appended after, should another change have come first.
                diff = CatalogDiff.Between(current, file, effectiveFrom);
                return PriceChange.Of(new CatalogImported
                {
                    ImportVersion = current.NextImportVersion,
                    Format = file.Format,
                    FileName = string.IsNullOrWhiteSpace(command.FileName) ? "(unnamed)" : command.FileName.Trim(),
                    Sha256 = sha256,
                    EffectiveFrom = effectiveFrom,
                    Prices = diff.Prices,
                    ImportedAt = importedAt,
                });
            },
            command.DryRun,
            cancellationToken);
        return CatalogImportSummary.Of(diff, file, sha256, effectiveFrom, command.DryRun, repricing);
    }
}
