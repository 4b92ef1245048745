namespace TokenOptimizer.Aggregation.FeedingGrains;

/// <summary>
/// Where a projection hands one page's items, grouped by key: one call per page. Returns once every key's state is
/// persisted; a failure fails the page, which is then fed again (the grains skip what they already applied).
/// </summary>
public interface IGrainFeed<TItem>
{
    Task FeedAsync(IReadOnlyDictionary<string, List<TItem>> itemsByKey, CancellationToken cancellationToken);
}
