using TokenOptimizer.Aggregation.FeedingGrains;

namespace TokenOptimizer.Aggregation.TrackingProviderHealth;

/// <summary>Where a projection hands each provider's outcomes of a page, once per page (<see cref="IGrainFeed{TItem}"/>).</summary>
public interface IProviderHealthFeed : IGrainFeed<ProviderOutcome>;

/// <summary>Feeds each provider's grain.</summary>
public sealed class ProviderHealthFeed(IGrainFactory grains) : GrainFeed<IProviderHealthGrain, ProviderOutcome>(grains), IProviderHealthFeed;
