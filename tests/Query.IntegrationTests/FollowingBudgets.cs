using System.Globalization;
using System.Text.Json;
using TokenOptimizer.Access;
using TokenOptimizer.Testing;
using TokenOptimizer.UsageLog;
using Xunit;

namespace TokenOptimizer.Query.IntegrationTests;

/// <summary><c>budgets</c>: budgets defined through the API, with the priced spend of their scope and the thresholds it crossed.</summary>
public sealed class FollowingBudgets(QueryHost host) : IClassFixture<QueryHost>
{
    private const string BudgetsQuery = """
        { budgets { budgetId name scopeKind scopeValue amountUsd period webhookUrl periodStart periodEnd spentUsd remainingUsd percentUsed
            projectedSpendUsd daysRemaining thresholdsPercent thresholdsCrossed alerts { thresholdPercent crossedAt spentUsd } } }
        """;

    private static decimal Money(JsonElement element) => decimal.Parse(element.GetString()!, CultureInfo.InvariantCulture);

    private async Task<string> DefineAsync(string name, string scopeKind, string? scopeValue, decimal amountUsd, string? webhookUrl = null)
    {
        var data = await host.DataAsync(host.AdminKey, "mutation($b: BudgetInput!) { defineBudget(budget: $b) { budgetId } }",
            new { b = new { name, scopeKind, scopeValue, amountUsd = amountUsd.ToString(CultureInfo.InvariantCulture), period = "month", webhookUrl } });
        return data.GetProperty("defineBudget").GetProperty("budgetId").GetString()!;
    }

    private async Task<Dictionary<string, JsonElement>> BudgetsAsync(string key) =>
        (await host.DataAsync(key, BudgetsQuery)).GetProperty("budgets").EnumerateArray().ToDictionary(b => b.GetProperty("budgetId").GetString()!);

    [Fact]
    public async Task TeamBudget_DefinedByMutation_ShowsItsTeamsPricedSpend_AndTheThresholdsItCrossed()
    {
        // Given calls of two teams over the last 20 hours, and a monthly budget for one of them at 90% of what it spent this month
        var now = DateTimeOffset.UtcNow;
        var monthStart = new DateTimeOffset(now.Year, now.Month, 1, 0, 0, 0, TimeSpan.Zero);
        var records = TestUsage.Generate(400, seed: 51, from: now.AddHours(-20), span: TimeSpan.FromHours(19))
            .Select((r, i) => r with { Usage = r.Usage with { Team = i % 2 == 0 ? "budget-team-a" : "budget-team-b" } }).ToList();
        var spent = records.Where(r => r.Usage.Team == "budget-team-a" && r.Cost.Priced && r.Usage.OccurredAt >= monthStart).Sum(r => r.Cost.TotalUsd);
        var amount = Math.Round(spent * 0.9m, 2);
        Assert.True(amount > 0, "the team should have spent something this month");
        var budgetId = await DefineAsync("Team A", "team", "budget-team-a", amount);

        // When the spend is recorded
        await host.FeedAsync(records);

        // Then the budget shows exactly the team's priced spend in its period, and both default thresholds crossed
        JsonElement budget = default;
        await Eventually.UntilAsync(async () =>
        {
            return (await BudgetsAsync(host.AdminKey)).TryGetValue(budgetId, out budget) && Money(budget.GetProperty("spentUsd")) == spent;
        }, TimeSpan.FromSeconds(60), "the budget's spend should reach the fed team's priced cost");
        Assert.Equal(monthStart, budget.GetProperty("periodStart").GetDateTimeOffset());
        Assert.Equal(monthStart.AddMonths(1), budget.GetProperty("periodEnd").GetDateTimeOffset());
        Assert.Equal(("Team A", "team", "budget-team-a", "month"), (budget.GetProperty("name").GetString(), budget.GetProperty("scopeKind").GetString(),
            budget.GetProperty("scopeValue").GetString(), budget.GetProperty("period").GetString()));
        Assert.Equal(amount, Money(budget.GetProperty("amountUsd")));
        Assert.Equal(amount - spent, Money(budget.GetProperty("remainingUsd")));
        Assert.Equal(Math.Round(spent / amount * 100, 2), Money(budget.GetProperty("percentUsed")));
        Assert.True(Money(budget.GetProperty("projectedSpendUsd")) >= spent, "the projection starts from what was spent");
        Assert.Equal([80m, 100m], budget.GetProperty("thresholdsCrossed").EnumerateArray().Select(Money));
        await Eventually.UntilAsync(async () => (await BudgetsAsync(host.AdminKey))[budgetId].GetProperty("alerts").GetArrayLength() == 2,
            TimeSpan.FromSeconds(30), "both crossings should be listed as alerts");
        var alerts = (await BudgetsAsync(host.AdminKey))[budgetId].GetProperty("alerts").EnumerateArray().ToList();
        Assert.Equal([80m, 100m], alerts.Select(a => Money(a.GetProperty("thresholdPercent"))));
        Assert.All(alerts, a => Assert.True(Money(a.GetProperty("spentUsd")) >= amount * Money(a.GetProperty("thresholdPercent")) / 100));
    }

    [Fact]
    public async Task TeamScopedKey_SeesOnlyItsTeamsBudgets_AndNoWebhookUrl()
    {
        // Given budgets on two teams, the organisation and a feature
        var own = await DefineAsync("Own team", "team", "scoped-team", 100m, webhookUrl: "https://hooks.example.com/services/secret");
        var others = new[]
        {
            await DefineAsync("Other team", "team", "other-team", 100m),
            await DefineAsync("Everyone", "organization", null, 1000m),
            await DefineAsync("Search feature", "feature", "scoped-team", 100m),
        };
        var key = await host.CreateKeyAsync(Role.Read, "scoped-team");

        // When the team's key and the admin ask for budgets
        var all = new Dictionary<string, JsonElement>();
        await Eventually.UntilAsync(async () => others.Append(own).All((all = await BudgetsAsync(host.AdminKey)).ContainsKey),
            TimeSpan.FromSeconds(30), "every budget defined should be listed");
        var seen = await BudgetsAsync(key);

        // Then the team sees its own team's budgets only, without their webhook; the admin sees every one
        Assert.Contains(own, seen.Keys);
        Assert.All(seen.Values, b => Assert.Equal(("team", "scoped-team"), (b.GetProperty("scopeKind").GetString(), b.GetProperty("scopeValue").GetString())));
        Assert.DoesNotContain(seen.Keys, others.Contains);
        Assert.Equal(JsonValueKind.Null, seen[own].GetProperty("webhookUrl").ValueKind);
        Assert.Equal("https://hooks.example.com/services/secret", all[own].GetProperty("webhookUrl").GetString());
    }
}
