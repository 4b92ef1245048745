using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using Spectre.Console;
using TokenOptimizer.Tokenopt.Budgeting;
using TokenOptimizer.Tokenopt.Connecting;
using static TokenOptimizer.Tokenopt.Reporting.Tables;

namespace TokenOptimizer.Tokenopt.Reporting;

/// <summary><c>tokenopt status</c>: spend today and this month (UTC), this month's spend by model, and each budget's use.</summary>
public static class StatusCommand
{
    private const string Document = $$"""
        query Status($today: UsageFilter, $month: UsageFilter) {
          today: overview(filter: $today) { totalCostUsd requests unpricedRequests }
          month: overview(filter: $month) { totalCostUsd requests unpricedRequests projectedMonthEndUsd }
          byModel: costBreakdown(by: MODEL, filter: $month) { key costUsd share requests unpricedRequests }
          budgets { {{BudgetTable.Fields}} }
        }
        """;

    public static Command Create(CliContext context) => new Command("status", "Spend today and this month, by model, and budget use.")
        .WithApi(context, async (_, api, cancellationToken) =>
        {
            var now = context.Clock.GetUtcNow();
            var today = new DateTimeOffset(now.UtcDateTime.Date, TimeSpan.Zero);
            var month = new DateTimeOffset(today.Year, today.Month, 1, 0, 0, 0, TimeSpan.Zero);
            var data = await api.QueryAsync(Document, new { today = new { from = today, to = now }, month = new { from = month, to = now } }, cancellationToken);

            var console = context.Console;
            console.MarkupLine($"Spend today:      [bold]{Money.Usd(data.GetProperty("today").Decimal("totalCostUsd"))}[/] {Calls(data.GetProperty("today"))}");
            var monthly = data.GetProperty("month");
            console.MarkupLine($"Spend this month: [bold]{Money.Usd(monthly.Decimal("totalCostUsd"))}[/] {Calls(monthly)}, projected month end {Money.Usd(monthly.Decimal("projectedMonthEndUsd"))}");

            var models = Tables.Of("Model", ">Cost this month", ">Share", ">Calls", ">Unpriced calls");
            foreach (var share in data.Items("byModel"))
            {
                models.Row(Plain(share.Text("key")), Usd(share.Decimal("costUsd")), Plain(Percent(share.Decimal("share") * 100)),
                    Plain(share.GetProperty("requests").GetInt64().ToString(CultureInfo.InvariantCulture)),
                    share.GetProperty("unpricedRequests").GetInt64() is var unpriced and > 0 ? Coloured(unpriced.ToString(CultureInfo.InvariantCulture), "yellow") : Plain("0"));
            }

            console.Write(models);
            var budgets = data.Items("budgets").ToList();
            if (budgets.Count == 0)
            {
                console.MarkupLine("No budgets. Define one: [blue]tokenopt budget set --name <name> --amount <usd>[/]");
                return;
            }

            console.Write(BudgetTable.Of(budgets));
        });

    public static string Percent(decimal percent) => percent.ToString("0.##", CultureInfo.InvariantCulture) + " %";

    private static string Calls(JsonElement overview)
    {
        var requests = overview.GetProperty("requests").GetInt64();
        var unpriced = overview.GetProperty("unpricedRequests").GetInt64();
        return unpriced == 0
            ? $"({requests} calls)"
            : $"({requests} calls, [yellow]{unpriced} unpriced[/]: see tokenopt unpriced)";
    }
}
