using TokenOptimizer.EventStore;

namespace TokenOptimizer.Aggregation.FeedingGrains;

/// <summary>Feeds each key's grain once per page, all keys at once.</summary>
public abstract class GrainFeed<TGrain, TItem>(IGrainFactory grains) : IGrainFeed<TItem>
    where TGrain : IFedGrain<TItem>
{
    public async Task FeedAsync(IReadOnlyDictionary<string, List<TItem>> itemsByKey, CancellationToken cancellationToken)
    {
        try
        {
            await Task.WhenAll(itemsByKey.Select(k => grains.GetGrain<TGrain>(k.Key).FeedAsync(k.Value)));
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            // A silo or its storage failing is not the events' fault: the page is retried whole, nothing skipped.
            throw new ProjectionDependencyUnavailableException($"Feeding the {typeof(TGrain).Name} grains failed; the page will be fed again.", exception);
        }
    }
}
