using TokenOptimizer.UsageLog;

namespace TokenOptimizer.Ingestion.PricingModels;

/// <summary>
/// Sets a custom price and re-prices the usage it covers, or, for a dry run, only says what that would
/// change. Repeating the price in force records nothing new and re-prices only what is still missing.
/// </summary>
public sealed class ModelPriceSetter(ModelPriceLog prices, Repricer repricer, TimeProvider clock)
{
    private const int MaxAttempts = 3;

    public async Task<RepricingSummary> SetAsync(SetModelPrice command, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            var current = await prices.ReadAsync(cancellationToken);
            var proposed = command.ToPrice(current.NextPriceVersion, clock.GetUtcNow());
            var repeated = current.FindRepeated(proposed);

            if (command.DryRun)
            {
                var price = repeated ?? proposed;
                var withPrice = repeated is null ? current.With(proposed) : current;
                var estimate = await repricer.DryRunAsync(price, withPrice.Catalog, cancellationToken);
                return estimate.Summarise(price, withPrice.CatalogKeyOf(price), dryRun: true, priceRecorded: false);
            }

            if (repeated is not null)
            {
                var resumed = await repricer.ApplyAsync(repeated, cancellationToken);
                return resumed.Summarise(repeated, current.CatalogKeyOf(repeated), dryRun: false, priceRecorded: false);
            }

            PriceList updated;
            try
            {
                updated = await prices.AppendAsync(current, proposed, cancellationToken);
            }
            catch (StreamVersionConflictException) when (attempt < MaxAttempts)
            {
                // Another admin set a price first: ours comes after theirs, under the next version.
                continue;
            }

            var applied = await repricer.ApplyAsync(proposed, cancellationToken);
            return applied.Summarise(proposed, updated.CatalogKeyOf(proposed), dryRun: false, priceRecorded: true);
        }
    }
}
