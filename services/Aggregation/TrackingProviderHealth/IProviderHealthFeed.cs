namespace TokenOptimizer.Aggregation.TrackingProviderHealth;

/// <summary>
/// Where a projection hands the provider outcomes of one page of events: one call per page, each provider's
/// outcomes in sequence order. Returns once every provider's state is persisted; a failure fails the page, which is
/// then fed again (the providers skip what they already applied).
/// </summary>
public interface IProviderHealthFeed
{
    Task FeedAsync(IReadOnlyDictionary<string, List<ProviderOutcome>> outcomesByProvider, CancellationToken cancellationToken);
}
