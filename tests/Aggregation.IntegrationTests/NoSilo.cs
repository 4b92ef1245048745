using TokenOptimizer.Aggregation.TrackingBudgetSpend;
using TokenOptimizer.Aggregation.TrackingProviderHealth;

namespace TokenOptimizer.Aggregation.IntegrationTests;

/// <summary>
/// The grain feeds of a <see cref="TestDatabase"/>, which runs no silo: its daemon tests run the read models that feed no
/// grain, so a feed called there is a test's mistake and says so (the grains' own tests run under <see cref="GrainCluster"/>).
/// </summary>
internal sealed class NoSilo : IProviderHealthFeed, IBudgetSpendFeed
{
    public Task FeedAsync(IReadOnlyDictionary<string, List<ProviderOutcome>> itemsByKey, CancellationToken cancellationToken) => Refuse();

    public Task FeedAsync(IReadOnlyDictionary<string, List<BudgetEntry>> itemsByKey, CancellationToken cancellationToken) => Refuse();

    private static Task Refuse() => throw new InvalidOperationException("A TestDatabase runs no silo: run grain-fed read models on an AggregationHost or a GrainCluster.");
}
