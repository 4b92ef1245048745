using TokenOptimizer.Aggregation.FeedingGrains;

namespace TokenOptimizer.Aggregation.TrackingProviderHealth;

/// <summary>One provider's live health, keyed by the provider's name (<see cref="ProviderHealthGrain"/>), fed its outcomes.</summary>
public interface IProviderHealthGrain : IFedGrain<ProviderOutcome>;
