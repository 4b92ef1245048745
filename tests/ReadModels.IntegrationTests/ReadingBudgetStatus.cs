using System.Text.Json;
using Microsoft.Extensions.Time.Testing;
using Xunit;

namespace TokenOptimizer.ReadModels.IntegrationTests;

/// <summary>
/// <see cref="BudgetStatusReader"/>: a budget's period in progress by the clock, its spend in scope, the projection's
/// inputs, and the thresholds crossed with their alerts, over rows as the budget spend projection writes them.
/// </summary>
public sealed class ReadingBudgetStatus(ReadModelTables tables) : IClassFixture<ReadModelTables>
{
    private static readonly DateTimeOffset Now = new(2026, 11, 25, 12, 0, 0, TimeSpan.Zero);

    private static readonly BudgetTerms Growth = new()
    {
        Name = "Growth", ScopeKind = BudgetScopes.Team, ScopeValue = "growth", AmountUsd = 100m, Period = BudgetPeriods.Month,
        ThresholdsPercent = [50m, 80m, 100m], WebhookUrl = "https://hooks.example/secret",
    };

    private BudgetStatusReader Reader => new(tables.DataSource, new FakeTimeProvider(Now));

    private Task DefineAsync(string budgetId, BudgetTerms terms, bool removed) => tables.ExecuteAsync(
        $"INSERT INTO {BudgetSpendTables.Definitions} VALUES ($1, $2, $3::jsonb)",
        budgetId, removed, JsonSerializer.Serialize(new { budgetId, terms, removed }, JsonSerializerOptions.Web));

    private Task SpendAsync(string team, DateTimeOffset hour, decimal usd) => tables.ExecuteAsync(
        $"INSERT INTO {BudgetSpendTables.SpendByScopeHour} VALUES ($1, $2, $3, $4)", BudgetScopes.Team, team, hour.UtcDateTime, usd);

    private Task CrossAsync(string budgetId, DateTimeOffset periodStart, decimal threshold, decimal spent, DateTimeOffset at) => tables.ExecuteAsync(
        $"INSERT INTO {BudgetSpendTables.Alerts} VALUES ($1, $2, $3, $4, $5)", budgetId, periodStart.UtcDateTime, threshold, spent, at.UtcDateTime);

    [Fact]
    public async Task ABudgetsPeriodInProgress_HasItsSpendProjectionAndThisPeriodsAlerts()
    {
        // Given a monthly team budget with spend and crossings in October and November, another team's spend, and a removed budget
        var november = new DateTimeOffset(2026, 11, 1, 0, 0, 0, TimeSpan.Zero);
        var october = november.AddMonths(-1);
        await DefineAsync("growth", Growth, removed: false);
        await DefineAsync("gone", Growth with { Name = "Gone" }, removed: true);
        await SpendAsync("growth", november.AddHours(-1), 5m);
        await SpendAsync("growth", new DateTimeOffset(2026, 11, 10, 10, 0, 0, TimeSpan.Zero), 20m);
        await SpendAsync("growth", new DateTimeOffset(2026, 11, 23, 9, 0, 0, TimeSpan.Zero), 6m);
        await SpendAsync("growth", new DateTimeOffset(2026, 11, 25, 11, 0, 0, TimeSpan.Zero), 4m);
        await SpendAsync("other", new DateTimeOffset(2026, 11, 10, 10, 0, 0, TimeSpan.Zero), 99m);
        await CrossAsync("growth", october, 80m, 81m, october.AddDays(20));
        await CrossAsync("growth", november, 80m, 26m, november.AddDays(14));
        await CrossAsync("growth", november, 50m, 20m, november.AddDays(9));

        // When every budget is read, and the one removed asked for
        var budgets = await Reader.AllAsync(DatabaseTurns.None, CancellationToken.None);
        var gone = await Reader.OneAsync("gone", CancellationToken.None);

        // Then the budget's November holds its team's spend of November, 10 of it in the last 3 days, and November's crossings
        var status = Assert.Single(budgets);
        Assert.Null(gone);
        // A list compares by reference in a record: the thresholds are compared apart.
        Assert.Equal(Growth, status.Terms with { ThresholdsPercent = Growth.ThresholdsPercent });
        Assert.Equal(Growth.ThresholdsPercent, status.Terms.ThresholdsPercent);
        Assert.Equal((november, november.AddMonths(1)), (status.PeriodStart, status.PeriodEnd));
        Assert.Equal((30m, 30m, 70m), (status.SpentUsd, status.PercentUsed, status.RemainingUsd));
        Assert.Equal(5.5, status.DaysRemaining);
        Assert.Equal(BudgetStatus.Project(30m, 10m, elapsedDays: 24.5, recentDays: 3, remainingDays: 5.5), status.ProjectedSpendUsd);
        Assert.Equal([50m, 80m], status.ThresholdsCrossed);
        Assert.Equal([new BudgetAlert(50m, november.AddDays(9), 20m), new BudgetAlert(80m, november.AddDays(14), 26m)],
            status.Alerts.Select(a => a with { PeriodStart = default }));
    }

    [Fact]
    public async Task ABudgetsAlerts_AreEveryPeriodsCrossingsInTheOrderTheyHappened()
    {
        // Given crossings of a budget in two periods, and of another budget
        var november = new DateTimeOffset(2026, 11, 1, 0, 0, 0, TimeSpan.Zero);
        await CrossAsync("history", november, 100m, 101m, november.AddDays(20));
        await CrossAsync("history", november.AddMonths(-1), 80m, 85m, november.AddDays(-5));
        await CrossAsync("history", november, 80m, 82m, november.AddDays(15));
        await CrossAsync("elsewhere", november, 80m, 90m, november.AddDays(1));

        // When its alerts are read
        var alerts = await Reader.AlertsAsync("history", CancellationToken.None);

        // Then they come by time crossed, each with its period
        Assert.Equal(
            [(november.AddMonths(-1), 80m), (november, 80m), (november, 100m)],
            alerts.Select(a => (a.PeriodStart, a.ThresholdPercent)));
    }
}
