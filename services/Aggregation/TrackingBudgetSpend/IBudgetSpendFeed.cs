namespace TokenOptimizer.Aggregation.TrackingBudgetSpend;

/// <summary>
/// Where a projection hands the budget entries of one page of events: one call per page, each budget's entries in
/// sequence order. Returns once every budget's state is persisted; a failure fails the page, which is then fed
/// again (the budgets skip what they already applied).
/// </summary>
public interface IBudgetSpendFeed
{
    Task FeedAsync(IReadOnlyDictionary<string, List<BudgetEntry>> entriesByBudget, CancellationToken cancellationToken);
}
