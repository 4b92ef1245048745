using TokenOptimizer.EventStore;

namespace TokenOptimizer.Aggregation.TrackingBudgetSpend;

/// <summary>Feeds each budget's grain once per page, all budgets at once.</summary>
public sealed class BudgetSpendFeed(IGrainFactory grains) : IBudgetSpendFeed
{
    public async Task FeedAsync(IReadOnlyDictionary<string, List<BudgetEntry>> entriesByBudget, CancellationToken cancellationToken)
    {
        try
        {
            await Task.WhenAll(entriesByBudget.Select(b => grains.GetGrain<IBudgetGrain>(b.Key).FeedAsync(b.Value)));
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            // A silo or its storage failing is not the events' fault: the page is retried whole, nothing skipped.
            throw new ProjectionDependencyUnavailableException("Feeding the budget grains failed; the page will be fed again.", exception);
        }
    }
}
