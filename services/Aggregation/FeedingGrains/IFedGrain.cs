namespace TokenOptimizer.Aggregation.FeedingGrains;

/// <summary>A grain fed by a projection: once per page, with its key's items in sequence order.</summary>
public interface IFedGrain<TItem> : IGrainWithStringKey
{
    /// <summary>
    /// Applies a batch of the key's items in sequence order; those at or below the last sequence applied are replays
    /// and change nothing. Returns once the resulting state (and any alert it decided) is persisted.
    /// </summary>
    Task FeedAsync(IReadOnlyList<TItem> items);
}
