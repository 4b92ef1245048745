namespace TokenOptimizer.Aggregation.TrackingProviderHealth;

/// <summary>One provider's live health, keyed by the provider's name (<see cref="ProviderHealthGrain"/>).</summary>
public interface IProviderHealthGrain : IGrainWithStringKey
{
    /// <summary>
    /// Applies a batch of the provider's outcomes in sequence order; those at or below the last sequence applied are
    /// replays and change nothing. Returns once the resulting state (and any alert it decided) is persisted.
    /// </summary>
    Task FeedAsync(IReadOnlyList<ProviderOutcome> outcomes);
}
