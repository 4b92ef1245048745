namespace TokenOptimizer.Aggregation.TrackingBudgetSpend;

/// <summary>One budget's live spend and crossings, keyed by the budget's id (<see cref="BudgetGrain"/>).</summary>
public interface IBudgetGrain : IGrainWithStringKey
{
    /// <summary>
    /// Applies a batch of the budget's entries in sequence order; those at or below the last sequence applied are
    /// replays and change nothing. Returns once the resulting state (and any crossing it decided) is persisted.
    /// </summary>
    Task FeedAsync(IReadOnlyList<BudgetEntry> entries);
}
