using TokenOptimizer.SystemTests.Running;
using Xunit;

namespace TokenOptimizer.SystemTests.UsingTheCli;

/// <summary><c>tokenopt budget set</c> then <c>budget list</c>: defined, changed by name, and listed with this month's spend.</summary>
[Collection(InTurnCollection.Name)]
public sealed class SettingBudgets(SharedSystem system)
{
    [Fact]
    public async Task SetThenList_ShowsTheAmountAndTheMonthsSpend()
    {
        var records = await system.RecordsAsync();
        var admin = CliEnvironment.Isolated(system.QueryUrl.ToString(), system.AdminKey);
        var name = "cli-month-" + Guid.NewGuid().ToString("N")[..6];

        var defined = await CliRun.InvokeAsync(admin, "budget", "set", "--name", name, "--amount", "123.456789", "--thresholds", "50,90");
        Assert.True(defined.ExitCode == 0, defined.Errors);
        Assert.Contains($"Defined budget '{name}'", defined.Output, StringComparison.Ordinal);
        Assert.Contains("$123.456789 per month for organization, alerts at 50 %, 90 %.", defined.Output, StringComparison.Ordinal);
        await ListedAsync(name, 123.456789m);

        // Set again by name, once listed: the same budget changes
        var changed = await CliRun.InvokeAsync(admin, "budget", "set", "--name", name, "--amount", "1000000.25");
        Assert.True(changed.ExitCode == 0, changed.Errors);
        Assert.Contains($"Changed budget '{name}'", changed.Output, StringComparison.Ordinal);
        var row = await ListedAsync(name, 1_000_000.25m);

        var month = new DateTimeOffset(DateTimeOffset.UtcNow.Year, DateTimeOffset.UtcNow.Month, 1, 0, 0, 0, TimeSpan.Zero);
        var spent = records.Where(r => r.Usage.OccurredAt >= month && r.Cost.Priced).Sum(r => r.Cost.TotalUsd);
        Assert.Equal(["organization", "month"], row[1..3]);
        Assert.Equal(spent, Figures.Usd(row[4]));
        Assert.Equal(1_000_000.25m - spent, Figures.Usd(row[5]));
    }

    // The budget's row in `budget list` once it shows the amount (the list is a read model, updated just after a change).
    private async Task<string[]> ListedAsync(string name, decimal amount)
    {
        string[] row = [];
        await Testing.Eventually.UntilAsync(async () =>
        {
            var list = await CliRun.InvokeAsync(CliEnvironment.Isolated(system.QueryUrl.ToString(), system.ReadKey), "budget", "list");
            row = list.ExitCode == 0 ? list.Rows().FirstOrDefault(r => r[0] == name) ?? [] : [];
            return row.Length > 0 && Figures.Usd(row[3]) == amount;
        }, TimeSpan.FromSeconds(30), $"the budget should be listed with {amount}");
        return row;
    }

    [Fact]
    public async Task RefusedInput_IsShownByTheApisMessage()
    {
        var admin = CliEnvironment.Isolated(system.QueryUrl.ToString(), system.AdminKey);
        const string Define = "mutation($budget: BudgetInput!) { defineBudget(budget: $budget) { budgetId } }";
        var (_, answer) = await Testing.GraphQLRequests.GraphQLAsync(system.Query, system.AdminKey, Define,
            new { budget = new { name = "cli-bad", scopeKind = "organization", amountUsd = "10", period = "fortnight" } });
        var message = answer.GetProperty("errors")[0].GetProperty("message").GetString()!;

        var run = await CliRun.InvokeAsync(admin, "budget", "set", "--name", "cli-bad", "--amount", "10", "--period", "fortnight");
        var badAmount = await CliRun.InvokeAsync(admin, "budget", "set", "--name", "cli-bad", "--amount", "ten");

        Assert.Contains("period", message, StringComparison.Ordinal);
        Assert.Equal(1, run.ExitCode);
        Assert.Contains(message, run.Errors.Replace(Environment.NewLine, " ", StringComparison.Ordinal).Replace("  ", " ", StringComparison.Ordinal), StringComparison.Ordinal);
        Assert.Equal(1, badAmount.ExitCode);
        Assert.Contains("--amount must be a decimal number", badAmount.Errors, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ReadKey_CannotSetABudget()
    {
        var (_, answer) = await Testing.GraphQLRequests.GraphQLAsync(system.Query, system.ReadKey,
            "mutation($budget: BudgetInput!) { defineBudget(budget: $budget) { budgetId } }",
            new { budget = new { name = "cli-read", scopeKind = "organization", amountUsd = "5", period = "month" } });

        var run = await CliRun.InvokeAsync(CliEnvironment.Isolated(system.QueryUrl.ToString(), system.ReadKey), "budget", "set", "--name", "cli-read", "--amount", "5");

        Assert.Equal(1, run.ExitCode);
        Assert.Contains(answer.GetProperty("errors")[0].GetProperty("message").GetString()!, run.Errors, StringComparison.Ordinal);
    }
}
