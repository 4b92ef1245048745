using TokenOptimizer.EventStore;

namespace TokenOptimizer.Aggregation.TrackingProviderHealth;

/// <summary>Feeds each provider's grain once per page, all providers at once.</summary>
public sealed class ProviderHealthFeed(IGrainFactory grains) : IProviderHealthFeed
{
    public async Task FeedAsync(IReadOnlyDictionary<string, List<ProviderOutcome>> outcomesByProvider, CancellationToken cancellationToken)
    {
        try
        {
            await Task.WhenAll(outcomesByProvider.Select(p => grains.GetGrain<IProviderHealthGrain>(p.Key).FeedAsync(p.Value)));
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            // A silo or its storage failing is not the events' fault: the page is retried whole, nothing skipped.
            throw new ProjectionDependencyUnavailableException("Feeding the provider health grains failed; the page will be fed again.", exception);
        }
    }
}
