using TokenOptimizer.Aggregation.TrackingBudgetSpend;
using TokenOptimizer.ReadModels;
using Xunit;

namespace TokenOptimizer.Aggregation.IntegrationTests;

/// <summary>The budget grain under <see cref="Orleans.TestingHost.TestCluster"/>, on PostgreSQL.</summary>
public sealed class TrackingBudgetsInGrains(GrainCluster cluster) : IClassFixture<GrainCluster>
{
    private static BudgetTerms Terms(decimal amount) => new()
    {
        Name = "growth", ScopeKind = BudgetScopes.Team, ScopeValue = "t", AmountUsd = amount, Period = BudgetPeriods.Month, ThresholdsPercent = [80m, 100m],
    };

    [Fact]
    public async Task SpendInBatches_CrossesEachThresholdOnce_AndForecastsThePeriod()
    {
        // Given a $1 budget
        var budgetId = Guid.NewGuid().ToString("N")[..12];
        var grain = cluster.Grains().GetGrain<IBudgetGrain>(budgetId);
        var now = DateTimeOffset.UtcNow;
        await grain.FeedAsync([new BudgetEntry(1, now.AddSeconds(-20)) { Terms = Terms(1m) }]);

        // When 13 calls of 10 cents come in three batches, the last one fed twice
        var calls = Enumerable.Range(0, 13).Select(i => new BudgetEntry(10 + i, now.AddSeconds(-13 + i)) { SpentUsd = 0.10m }).ToList();
        await grain.FeedAsync(calls[..5]);
        await grain.FeedAsync(calls[5..9]);
        await grain.FeedAsync(calls[9..]);
        await grain.FeedAsync(calls[9..]);

        // Then 80% and 100% were crossed once each, at the 8th and 10th call, and the spend is $1.30 to the cent
        var status = (await cluster.Budgets.OneAsync(budgetId, default))!;
        Assert.Equal((1.30m, 130m), (status.SpentUsd, status.PercentUsed));
        Assert.Equal([(80m, 0.80m), (100m, 1.00m)], status.Alerts.Select(a => (a.ThresholdPercent, a.SpentUsd)));
        Assert.True(status.ProjectedSpendUsd > status.SpentUsd, $"{status.ProjectedSpendUsd} forecast for {status.SpentUsd} spent");
        Assert.Equal(2L, await cluster.ScalarAsync<long>("SELECT count(*) FROM alert_outbox WHERE alert_id LIKE $1", $"budget-threshold-{budgetId}-%"));
        // one write per batch that changed it: the definition and three batches (the replay wrote nothing)
        Assert.Equal(3L, await cluster.ScalarAsync<long>("SELECT etag FROM grain_state WHERE state_name = 'budget' AND grain_key = $1", budgetId));
    }

    [Fact]
    public async Task RaisedBudget_KeepsItsSpendAcrossDeactivation_AndCrossesOnlyTheNewThresholds()
    {
        // Given a $10 budget with $9 spent (80% crossed), whose grain is then deactivated
        var budgetId = Guid.NewGuid().ToString("N")[..12];
        var grain = cluster.Grains().GetGrain<IBudgetGrain>(budgetId);
        var now = DateTimeOffset.UtcNow;
        await grain.FeedAsync([new BudgetEntry(1, now.AddMinutes(-5)) { Terms = Terms(10m) }, new BudgetEntry(2, now.AddMinutes(-4)) { SpentUsd = 9m }]);
        await cluster.DeactivateAsync(grain);

        // When the budget is lowered to $9 (its opening is the $9 spent) on a fresh activation
        var period = BudgetPeriod.Containing(Terms(9m), now);
        await grain.FeedAsync([new BudgetEntry(3, now) { Terms = Terms(9m), Opening = new BudgetPeriodSpend(period.Start, period.End, 9m, []) }]);

        // Then only 100% is new
        var state = await cluster.Budgets.StateAsync(budgetId, default);
        Assert.Equal([80m, 100m], state!.Alerts.Select(a => a.ThresholdPercent));
        Assert.Equal(9m, state.Periods.Single().SpentUsd);
        Assert.Equal(2L, await cluster.ScalarAsync<long>("SELECT count(*) FROM alert_outbox WHERE alert_id LIKE $1", $"budget-threshold-{budgetId}-%"));
    }
}
