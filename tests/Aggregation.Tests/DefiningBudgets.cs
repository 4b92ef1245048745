using TokenOptimizer.Aggregation.DefiningBudget;
using TokenOptimizer.ReadModels;
using Xunit;

namespace TokenOptimizer.Aggregation.Tests;

public sealed class DefiningBudgets
{
    private static readonly DateTimeOffset Now = new(2026, 11, 25, 10, 0, 0, TimeSpan.Zero);

    private static BudgetTerms Terms(string period = BudgetPeriods.Month, int resetDay = 1) =>
        new() { Name = "b", ScopeKind = BudgetScopes.Team, ScopeValue = "t", AmountUsd = 100, Period = period, ResetDay = resetDay };

    [Fact]
    public void Define_ThenChange_ThenRemove_EvolvesTheBudget()
    {
        var defined = BudgetDecider.Decide(null, new DefineBudget("b1", Terms(), Now));
        var state = defined.Aggregate((Budget?)null, Budget.Evolve);
        var changed = BudgetDecider.Decide(state, new ChangeBudget("b1", Terms() with { AmountUsd = 200 }, Now));
        state = changed.Aggregate(state, Budget.Evolve);
        var removed = BudgetDecider.Decide(state, new RemoveBudget("b1", Now));
        state = removed.Aggregate(state, Budget.Evolve);

        Assert.Equal([80m, 100m], ((BudgetDefined)defined.Single()).Terms.ThresholdsPercent);
        Assert.Equal(200, state!.Terms.AmountUsd);
        Assert.True(state.Removed);
        Assert.Throws<BudgetRejectedException>(() => BudgetDecider.Decide(state, new RemoveBudget("b1", Now)));
    }

    [Theory]
    [InlineData(BudgetPeriods.Day, 1, "2026-11-25", "2026-11-26")]
    [InlineData(BudgetPeriods.Week, 1, "2026-11-23", "2026-11-30")]
    [InlineData(BudgetPeriods.Week, 5, "2026-11-20", "2026-11-27")]
    [InlineData(BudgetPeriods.Month, 1, "2026-11-01", "2026-12-01")]
    [InlineData(BudgetPeriods.Month, 28, "2026-10-28", "2026-11-28")]
    public void Periods_StartAtMidnightOnTheResetDay(string period, int resetDay, string start, string end)
    {
        var actual = BudgetPeriod.Containing(Terms(period, resetDay), Now);

        Assert.Equal(DateTimeOffset.Parse(start + "T00:00:00Z", System.Globalization.CultureInfo.InvariantCulture), actual.Start);
        Assert.Equal(DateTimeOffset.Parse(end + "T00:00:00Z", System.Globalization.CultureInfo.InvariantCulture), actual.End);
    }

    [Fact]
    public void Projection_BlendsRunRateAndRecentTrend() =>
        // $30 in 10 days (3/day), $15 in the last 3 days (5/day), 20 days left: 30 + 20 × 4 = 110
        Assert.Equal(110m, BudgetStatus.Project(30m, 15m, 10, 3, 20));
}
