using TokenOptimizer.Aggregation.FeedingGrains;

namespace TokenOptimizer.Aggregation.TrackingBudgetSpend;

/// <summary>One budget's live spend and crossings, keyed by the budget's id (<see cref="BudgetGrain"/>), fed its entries.</summary>
public interface IBudgetGrain : IFedGrain<BudgetEntry>;
