using Microsoft.Extensions.Time.Testing;
using Xunit;

namespace TokenOptimizer.ReadModels.IntegrationTests;

/// <summary>
/// <see cref="BudgetStatusReader"/>: a budget's period in progress by the clock, its spend, the projection's inputs, and
/// the thresholds crossed with their alerts, over states as the budgets' grains persist them.
/// </summary>
public sealed class ReadingBudgetStatus(ReadModelTables tables) : IClassFixture<ReadModelTables>
{
    private static readonly DateTimeOffset Now = new(2026, 11, 25, 12, 0, 0, TimeSpan.Zero);

    private static readonly DateTimeOffset November = new(2026, 11, 1, 0, 0, 0, TimeSpan.Zero);

    private static readonly DateTimeOffset October = November.AddMonths(-1);

    private static readonly BudgetTerms Growth = new()
    {
        Name = "Growth", ScopeKind = BudgetScopes.Team, ScopeValue = "growth", AmountUsd = 100m, Period = BudgetPeriods.Month,
        ThresholdsPercent = [50m, 80m, 100m], WebhookUrl = "https://hooks.example/secret",
    };

    private BudgetStatusReader Reader => new(tables.DataSource, new FakeTimeProvider(Now));

    private Task SaveAsync(BudgetState state) => tables.WriteGrainStateAsync(BudgetState.StateName, state.BudgetId, state);

    // A month's spend as the grain keeps it: the total, and the hours of the 3 days up to its latest hour with spend.
    private static BudgetPeriodSpend Month(DateTimeOffset start, params (DateTimeOffset Hour, decimal Usd)[] hours)
    {
        var recentFrom = hours.Max(h => h.Hour) - BudgetPeriodSpend.RecentHours;
        return new(start, start.AddMonths(1), hours.Sum(h => h.Usd), [.. hours.Where(h => h.Hour >= recentFrom).Select(h => new HourSpend(h.Hour, h.Usd))]);
    }

    private static BudgetAlert Crossed(DateTimeOffset periodStart, decimal threshold, decimal spent, DateTimeOffset at) =>
        new(threshold, at, spent) { PeriodStart = periodStart };

    [Fact]
    public async Task ABudgetsPeriodInProgress_HasItsSpendProjectionAndThisPeriodsAlerts()
    {
        // Given a monthly team budget with spend and crossings in October and November, and a removed budget
        await SaveAsync(new BudgetState
        {
            BudgetId = "growth", Terms = Growth, LastSequence = 40,
            Periods =
            [
                Month(October, (November.AddHours(-1), 5m)),
                Month(November, (new(2026, 11, 10, 10, 0, 0, TimeSpan.Zero), 20m), (new(2026, 11, 23, 9, 0, 0, TimeSpan.Zero), 6m), (new(2026, 11, 25, 11, 0, 0, TimeSpan.Zero), 4m)),
            ],
            Alerts = [Crossed(October, 80m, 81m, October.AddDays(20)), Crossed(November, 80m, 26m, November.AddDays(14)), Crossed(November, 50m, 20m, November.AddDays(9))],
        });
        await SaveAsync(new BudgetState { BudgetId = "gone", Terms = Growth with { Name = "Gone" }, Removed = true, LastSequence = 41 });

        // When every budget is read, and the one removed asked for
        var budgets = await Reader.AllAsync(DatabaseTurns.None, CancellationToken.None);
        var gone = await Reader.OneAsync("gone", CancellationToken.None);

        // Then the budget's November holds its November spend, 10 of it in the last 3 days, and November's crossings
        var status = Assert.Single(budgets, b => b.BudgetId == "growth");
        Assert.DoesNotContain(budgets, b => b.BudgetId == "gone");
        Assert.Null(gone);
        // A list compares by reference in a record: the thresholds are compared apart.
        Assert.Equal(Growth, status.Terms with { ThresholdsPercent = Growth.ThresholdsPercent });
        Assert.Equal(Growth.ThresholdsPercent, status.Terms.ThresholdsPercent);
        Assert.Equal((November, November.AddMonths(1)), (status.PeriodStart, status.PeriodEnd));
        Assert.Equal((30m, 30m, 70m), (status.SpentUsd, status.PercentUsed, status.RemainingUsd));
        Assert.Equal(5.5, status.DaysRemaining);
        Assert.Equal(BudgetStatus.Project(30m, 10m, elapsedDays: 24.5, recentDays: 3, remainingDays: 5.5), status.ProjectedSpendUsd);
        Assert.Equal([50m, 80m], status.ThresholdsCrossed);
        Assert.Equal([new BudgetAlert(50m, November.AddDays(9), 20m), new BudgetAlert(80m, November.AddDays(14), 26m)],
            status.Alerts.Select(a => a with { PeriodStart = default }));
    }

    [Fact]
    public async Task ABudgetsAlerts_AreEveryPeriodsCrossingsInTheOrderTheyHappened()
    {
        // Given crossings of a budget in two periods, decided in another order than they happened (a late call
        // crossed October's threshold), and of another budget
        await SaveAsync(new BudgetState
        {
            BudgetId = "history", Terms = Growth with { Name = "History" }, LastSequence = 50,
            Alerts = [Crossed(November, 100m, 101m, November.AddDays(20)), Crossed(October, 80m, 85m, November.AddDays(-5)), Crossed(November, 80m, 82m, November.AddDays(15))],
        });
        await SaveAsync(new BudgetState { BudgetId = "elsewhere", Terms = Growth with { Name = "Elsewhere" }, Alerts = [Crossed(November, 80m, 90m, November.AddDays(1))] });

        // When its alerts are read
        var alerts = await Reader.AlertsAsync("history", CancellationToken.None);

        // Then they come by time crossed, each with its period
        Assert.Equal(
            [(October, 80m), (November, 80m), (November, 100m)],
            alerts.Select(a => (a.PeriodStart, a.ThresholdPercent)));
    }
}
