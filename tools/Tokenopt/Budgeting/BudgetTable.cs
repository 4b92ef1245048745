using System.Text.Json;
using Spectre.Console;
using TokenOptimizer.Tokenopt.Reporting;
using static TokenOptimizer.Tokenopt.Reporting.Tables;

namespace TokenOptimizer.Tokenopt.Budgeting;

/// <summary>Budgets with their use this period, the use coloured by how much is spent.</summary>
public static class BudgetTable
{
    public const string Fields = "budgetId name scopeKind scopeValue period amountUsd spentUsd remainingUsd percentUsed projectedSpendUsd";

    public static Table Of(IEnumerable<JsonElement> budgets)
    {
        var table = Tables.Of("Budget", "Scope", "Period", ">Amount", ">Spent", ">Remaining", ">Used", ">Projected");
        foreach (var budget in budgets)
        {
            var used = budget.Decimal("percentUsed");
            table.Row(Plain(budget.Text("name")), Plain(Scope(budget)), Plain(budget.Text("period")), Usd(budget.Decimal("amountUsd")),
                Usd(budget.Decimal("spentUsd")), Usd(budget.Decimal("remainingUsd")), Coloured(StatusCommand.Percent(used), ColourOfUse(used)),
                Usd(budget.Decimal("projectedSpendUsd")));
        }

        return table;
    }

    private static string Scope(JsonElement budget) =>
        budget.Text("scopeValue") is { } value ? $"{budget.Text("scopeKind")} {value}" : budget.Text("scopeKind")!;
}
