namespace TokenOptimizer.Aggregation.FeedingGrains;

/// <summary>
/// Feeds each key's grain once per page, all keys at once, from inside the daemon's page (before it commits with its
/// progress). A silo, the cluster or the grains' storage failing fails the page: Marten's daemon rolls it back and
/// applies it again with its backoff, nothing skipped, and each grain passes over what it had already applied.
/// </summary>
public abstract class GrainFeed<TGrain, TItem>(IGrainFactory grains) : IGrainFeed<TItem>
    where TGrain : IFedGrain<TItem>
{
    public Task FeedAsync(IReadOnlyDictionary<string, List<TItem>> itemsByKey, CancellationToken cancellationToken) =>
        Task.WhenAll(itemsByKey.Select(k => grains.GetGrain<TGrain>(k.Key).FeedAsync(k.Value)));
}
