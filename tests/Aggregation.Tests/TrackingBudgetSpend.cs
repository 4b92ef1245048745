using TokenOptimizer.Aggregation.TrackingBudgetSpend;
using TokenOptimizer.ReadModels;
using Xunit;

namespace TokenOptimizer.Aggregation.Tests;

public sealed class TrackingBudgetSpend
{
    private static readonly DateTimeOffset Now = new(2026, 11, 25, 10, 0, 0, TimeSpan.Zero);

    private static readonly BudgetTerms Terms = new()
    {
        Name = "growth", ScopeKind = BudgetScopes.Team, ScopeValue = "t", AmountUsd = 10, Period = BudgetPeriods.Month, ThresholdsPercent = [50m, 100m],
    };

    private static BudgetEntry Spend(long sequence, decimal usd, double hoursAgo = 0) => new(sequence, Now.AddHours(-hoursAgo)) { SpentUsd = usd };

    [Fact]
    public void SpendReachingEachThreshold_CrossesItOnce()
    {
        var (state, crossings) = BudgetSpending.Apply(new BudgetState { BudgetId = "b" },
            [new BudgetEntry(1, Now.AddDays(-2)) { Terms = Terms }, Spend(2, 4), Spend(3, 2), Spend(4, 3), Spend(5, 2), Spend(6, 5)]);

        Assert.Equal([(50m, 6m), (100m, 11m)], crossings.Select(c => (c.ThresholdPercent, c.SpentUsd)));
        Assert.Equal(16m, state.Periods.Single().SpentUsd);
        Assert.Equal(6, state.LastSequence);
        Assert.Equal([50m, 100m], state.Alerts.Select(a => a.ThresholdPercent));
    }

    [Fact]
    public void ReplayedEntries_ChangeNothing()
    {
        var entries = new[] { new BudgetEntry(1, Now.AddDays(-2)) { Terms = Terms }, Spend(2, 6) };
        var (once, _) = BudgetSpending.Apply(new BudgetState { BudgetId = "b" }, entries);

        var (twice, crossings) = BudgetSpending.Apply(once, entries);

        Assert.Same(once, twice);
        Assert.Empty(crossings);
    }

    [Fact]
    public void BudgetDefinedLate_StartsFromItsPeriodsOpeningSpend_AndCrossesAtOnce()
    {
        var opening = new BudgetPeriodSpend(new(2026, 11, 1, 0, 0, 0, TimeSpan.Zero), new(2026, 12, 1, 0, 0, 0, TimeSpan.Zero), 7m, []);

        var (state, crossings) = BudgetSpending.Apply(new BudgetState { BudgetId = "b" }, [new BudgetEntry(9, Now) { Terms = Terms, Opening = opening }]);

        Assert.Equal(50m, crossings.Single().ThresholdPercent);
        Assert.Equal(7m, state.Periods.Single().SpentUsd);
    }

    [Fact]
    public void ErasedUserInScope_EndsTheBudget_AndItsTermsForgetTheId()
    {
        var (state, crossings) = BudgetSpending.Apply(new BudgetState { BudgetId = "b" },
            [new BudgetEntry(1, Now.AddDays(-2)) { Terms = Terms with { ScopeKind = BudgetScopes.User, ScopeValue = "alice" } }, new BudgetEntry(2, Now) { ScopeErased = true }, Spend(3, 50)]);

        Assert.True(state.Removed);
        Assert.Equal((BudgetScopes.User, ""), (state.Terms!.ScopeKind, state.Terms.ScopeValue));
        Assert.Empty(crossings);
    }

    [Fact]
    public void SpendOfARemovedBudget_IsNotCounted()
    {
        var (state, crossings) = BudgetSpending.Apply(new BudgetState { BudgetId = "b" },
            [new BudgetEntry(1, Now.AddDays(-2)) { Terms = Terms }, new BudgetEntry(2, Now) { Removed = true }, Spend(3, 50)]);

        Assert.True(state.Removed);
        Assert.Empty(crossings);
        Assert.Equal(0m, state.Periods.Single().SpentUsd);
    }

    [Fact]
    public void Status_ForecastsFromThePeriodsRunRateAndItsLastThreeDays()
    {
        // Given $3 five days ago and $6 over the last day: 9 spent in 24 days (0.375/day), 6 in the last 3 days (2/day)
        var (state, _) = BudgetSpending.Apply(new BudgetState { BudgetId = "b" },
            [new BudgetEntry(1, Now.AddDays(-20)) { Terms = Terms with { ThresholdsPercent = [1000m] } }, Spend(2, 3, hoursAgo: 120), Spend(3, 6, hoursAgo: 1)]);

        var status = BudgetStatus.Of(state, Now);

        Assert.Equal((9m, 90m), (status.SpentUsd, status.PercentUsed));
        Assert.Equal(BudgetStatus.Project(9m, 6m, (Now - status.PeriodStart).TotalDays, 3, (status.PeriodEnd - Now).TotalDays), status.ProjectedSpendUsd);
        Assert.Single(state.Periods.Single().Hours); // the five-day-old hour has left the trend's window
    }
}
