using TokenOptimizer.Catalog;
using TokenOptimizer.UsageLog;

namespace TokenOptimizer.Ingestion.PricingModels;

/// <summary>
/// Sets a custom price or a model alias and re-prices the usage it covers, or, for a dry run, only says what that
/// would change. Repeating the price or alias in force records nothing new and re-prices only what is still missing.
/// </summary>
public sealed class ModelPriceSetter(ModelPriceLog prices, Repricer repricer, TimeProvider clock)
{
    private const int MaxAttempts = 3;

    public Task<RepricingSummary> SetAsync(SetModelPrice command, CancellationToken cancellationToken) => ChangeAsync(
        current => PriceChange.Of(command.ToPrice(current.NextPriceVersion, clock.GetUtcNow())), command.DryRun, cancellationToken);

    public Task<RepricingSummary> SetAsync(SetModelAlias command, CancellationToken cancellationToken) => ChangeAsync(
        current => PriceChange.Of(command.ToAlias(current.NextAliasVersion, clock.GetUtcNow())), command.DryRun, cancellationToken);

    /// <summary>
    /// Records the change <paramref name="propose"/> makes of the price list in force (asked again if another admin changed
    /// the list meanwhile) and re-prices what it covers; for a dry run, only says what that would change.
    /// </summary>
    internal async Task<RepricingSummary> ChangeAsync(Func<PriceList, PriceChange> propose, bool dryRun, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            var current = await prices.ReadAsync(cancellationToken);
            var proposed = propose(current);
            var repeated = current.FindRepeated(proposed);

            if (dryRun)
            {
                var change = repeated ?? proposed;
                var withChange = repeated is null ? current.With(proposed) : current;
                var estimate = await repricer.DryRunAsync(change, withChange.Catalog, cancellationToken);
                return estimate.Summarise(change, withChange.CatalogKeyOf(change), dryRun: true, priceRecorded: false);
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
                // Another admin set a price or alias first: ours comes after theirs, under the next version.
                continue;
            }

            var applied = await repricer.ApplyAsync(proposed, cancellationToken);
            return applied.Summarise(proposed, updated.CatalogKeyOf(proposed), dryRun: false, priceRecorded: true);
        }
    }
}
