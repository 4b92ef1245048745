using Microsoft.Extensions.Options;
using TokenOptimizer.Catalog;
using Marten;
using TokenOptimizer.UsageLog;

namespace TokenOptimizer.Ingestion.PricingModels;

/// <summary>
/// Walks the usage a price or alias may change and, unless it is a dry run, appends a <see cref="UsageRepriced"/> to
/// each call whose cost changes, at the version the call was read at. Safe to run again: a call that
/// already has the price's cost is left alone.
/// </summary>
public sealed class Repricer(
    IDocumentStore store,
    AffectedUsageQuery query,
    ModelPriceLog prices,
    UnpricedModels unpricedModels,
    IOptions<ModelPricingOptions> options,
    TimeProvider clock)
{
    private const int MaxAttemptsPerCall = 5;

    /// <summary>What <paramref name="change"/> would do, priced with <paramref name="catalog"/> (which holds it). Records nothing.</summary>
    public async Task<RepricingTally> DryRunAsync(PriceChange change, ModelCatalog catalog, CancellationToken cancellationToken)
    {
        var tally = new RepricingTally();
        var after = 0L;
        while (await query.NextPageAsync(change, after, options.Value.PageSize, cancellationToken) is { Count: > 0 } page)
        {
            var now = clock.GetUtcNow();
            foreach (var (sequence, usage) in page)
            {
                tally.Count(Repricing.Decide(usage, catalog, change, now));
                after = sequence;
            }
        }

        return tally;
    }

    /// <summary>
    /// Re-prices every call <paramref name="change"/> (already recorded) now covers. Keeps looking until
    /// <see cref="ModelPricingOptions.SettleTime"/> after it was set, for calls other instances
    /// priced with the catalog they held before they saw it.
    /// </summary>
    public async Task<RepricingTally> ApplyAsync(PriceChange change, CancellationToken cancellationToken)
    {
        var tally = new RepricingTally();
        var settledAt = change.SetAt + options.Value.SettleTime;
        var after = 0L;
        while (true)
        {
            var page = await query.NextPageAsync(change, after, options.Value.PageSize, cancellationToken);
            if (page.Count == 0)
            {
                var wait = settledAt - clock.GetUtcNow();
                if (wait <= TimeSpan.Zero)
                {
                    return tally;
                }

                await Task.Delay(wait, clock, cancellationToken);
                continue;
            }

            // Read after the page: a newer price that re-priced any call of the page is then in this list.
            var catalog = (await prices.RefreshAsync(cancellationToken)).Catalog;
            var pricedNow = new List<(string Provider, string Model)>();
            foreach (var (sequence, usage) in page)
            {
                var repriced = await RepriceAsync(usage, catalog, change, tally, cancellationToken);
                if (repriced is { Previous.Priced: false, Current.Priced: true })
                {
                    pricedNow.Add((usage.Usage.Provider, usage.Usage.Model));
                }

                after = sequence;
            }

            await unpricedModels.ForgetAsync(pricedNow, cancellationToken);
        }
    }

    private async Task<UsageRepriced?> RepriceAsync(
        RecordedUsage usage, ModelCatalog catalog, PriceChange change, RepricingTally tally, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            var decision = Repricing.Decide(usage, catalog, change, clock.GetUtcNow());
            if (decision.Repriced is not { } repriced)
            {
                tally.Count(decision);
                return null;
            }

            try
            {
                await EventStreams.AppendAsync(store, UsageStreams.For(usage.Usage), usage.Version, [repriced], cancellationToken);
                tally.Count(decision);
                tally.Applied++;
                return repriced;
            }
            catch (StreamVersionConflictException) when (attempt < MaxAttemptsPerCall)
            {
                // Someone else re-priced the call meanwhile, maybe under a newer price: decide again from what is there now.
                var events = await EventStreams.ReadAsync(store, UsageStreams.For(usage.Usage), cancellationToken);
                if (events.Aggregate((RecordedUsage?)null, (state, e) => RecordedUsage.Evolve(state, e.Data, e.Version)) is not { } current)
                {
                    // Removed meanwhile by retention: nothing is left to re-price.
                    tally.Skipped++;
                    return null;
                }

                usage = current;
                catalog = (await prices.RefreshAsync(cancellationToken)).Catalog;
            }
            catch (StreamVersionConflictException)
            {
                tally.Skipped++;
                return null;
            }
        }
    }
}
