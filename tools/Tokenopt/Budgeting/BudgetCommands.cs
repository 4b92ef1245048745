using System.CommandLine;
using System.Globalization;
using Spectre.Console;
using TokenOptimizer.Tokenopt.Connecting;

namespace TokenOptimizer.Tokenopt.Budgeting;

/// <summary>
/// <c>tokenopt budget set</c> defines a budget, or changes the one of the same name (a name is how people tell their
/// budgets apart) or of <c>--id</c>; <c>tokenopt budget list</c> shows every budget with its use this period. Names are
/// looked up in the budget list, a read model that shows a new budget about a second after it is defined.
/// </summary>
public static class BudgetCommands
{
    private const string ListDocument = $"{{ budgets {{ {BudgetTable.Fields} }} }}";
    private const string Definition = "budgetId name scopeKind scopeValue amountUsd period resetDay thresholdsPercent";
    private const string DefineDocument = $"mutation($budget: BudgetInput!) {{ defineBudget(budget: $budget) {{ {Definition} }} }}";
    private const string ChangeDocument = $"mutation($id: ID!, $budget: BudgetInput!) {{ changeBudget(budgetId: $id, budget: $budget) {{ {Definition} }} }}";

    public static Command Create(CliContext context) => new("budget", "Define, change and list spend budgets.")
    {
        Set(context),
        new Command("list", "Every budget with its spend this period.").WithApi(context, async (_, api, cancellationToken) =>
        {
            var budgets = (await api.QueryAsync(ListDocument, null, cancellationToken)).GetProperty("budgets").EnumerateArray().ToList();
            if (budgets.Count == 0)
            {
                context.Console.MarkupLine("No budgets. Define one: [blue]tokenopt budget set --name <name> --amount <usd>[/]");
                return;
            }

            context.Console.Write(BudgetTable.Of(budgets));
        }),
    };

    private static Command Set(CliContext context)
    {
        var name = new Option<string>("--name") { Description = "The budget's name; a budget of this name is changed.", Required = true };
        var amount = new Option<string>("--amount") { Description = "USD per period, e.g. 500 or 99.50.", Required = true };
        var period = new Option<string>("--period") { Description = "day, week or month.", DefaultValueFactory = _ => "month" };
        var scope = new Option<string>("--scope") { Description = "organization, team, feature, model, provider, user or apiKey.", DefaultValueFactory = _ => "organization" };
        var scopeValue = new Option<string>("--scope-value") { Description = "The team, feature, model, provider, user id or API key id (not for organization)." };
        var thresholds = new Option<string>("--thresholds") { Description = "Percentages that alert, comma-separated; default 80,100." };
        var resetDay = new Option<int?>("--reset-day") { Description = "1–28 for a month, 1 (Monday)–7 for a week; default 1." };
        var webhook = new Option<string>("--webhook") { Description = "A URL the alerts are posted to." };
        var id = new Option<string>("--id") { Description = "Change this budget (its id from budget set), whatever its name." };
        var command = new Command("set", "Define a budget, or change the one with this name.") { name, amount, period, scope, scopeValue, thresholds, resetDay, webhook, id };
        return command.WithApi(context, async (parse, api, cancellationToken) =>
        {
            var budget = new
            {
                name = parse.GetValue(name), scopeKind = parse.GetValue(scope), scopeValue = parse.GetValue(scopeValue),
                amountUsd = Money.Parse(parse.GetValue(amount)!, "--amount").ToString(CultureInfo.InvariantCulture), period = parse.GetValue(period),
                resetDay = parse.GetValue(resetDay),
                thresholdsPercent = parse.GetValue(thresholds)?.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)
                    .Select(t => Money.Parse(t, "--thresholds").ToString(CultureInfo.InvariantCulture)).ToArray(),
                webhookUrl = parse.GetValue(webhook),
            };
            var existing = parse.GetValue(id) ?? (await api.QueryAsync("{ budgets { budgetId name } }", null, cancellationToken)).GetProperty("budgets").EnumerateArray()
                .Where(b => b.GetProperty("name").GetString() == budget.name).Select(b => b.GetProperty("budgetId").GetString()).FirstOrDefault();
            var (verb, data) = existing is null
                ? ("Defined", (await api.QueryAsync(DefineDocument, new { budget }, cancellationToken)).GetProperty("defineBudget"))
                : ("Changed", (await api.QueryAsync(ChangeDocument, new { id = existing, budget }, cancellationToken)).GetProperty("changeBudget"));
            var scopeText = data.GetProperty("scopeValue").GetString() is { } value ? $"{data.GetProperty("scopeKind").GetString()} {value}" : data.GetProperty("scopeKind").GetString();
            context.Console.MarkupLine(Markup.Escape(
                $"{verb} budget '{data.GetProperty("name").GetString()}' ({data.GetProperty("budgetId").GetString()}): " +
                $"{Money.Usd(decimal.Parse(data.GetProperty("amountUsd").GetString()!, CultureInfo.InvariantCulture))} per {data.GetProperty("period").GetString()} for {scopeText}, " +
                $"alerts at {string.Join(", ", data.GetProperty("thresholdsPercent").EnumerateArray().Select(t => t.GetString() + " %"))}."));
        });
    }
}
