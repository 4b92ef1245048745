using TokenOptimizer.Aggregation.FeedingGrains;

namespace TokenOptimizer.Aggregation.TrackingBudgetSpend;

/// <summary>Where a projection hands each budget's entries of a page, once per page (<see cref="IGrainFeed{TItem}"/>).</summary>
public interface IBudgetSpendFeed : IGrainFeed<BudgetEntry>;

/// <summary>Feeds each budget's grain.</summary>
public sealed class BudgetSpendFeed(IGrainFactory grains) : GrainFeed<IBudgetGrain, BudgetEntry>(grains), IBudgetSpendFeed;
