using System.CommandLine;
using System.Globalization;
using Spectre.Console;
using TokenOptimizer.Tokenopt.Connecting;
using TokenOptimizer.Tokenopt.Reporting;
using static TokenOptimizer.Tokenopt.Reporting.Tables;

namespace TokenOptimizer.Tokenopt.Pricing;

/// <summary>
/// <c>tokenopt unpriced</c>: models called without a known price, with how many of their calls have no cost. Those
/// calls are counted but never costed as $0; setting a price (<c>tokenopt prices set</c>) re-prices them.
/// </summary>
public static class UnpricedCommand
{
    private const string Document = """
        query Unpriced($filter: UsageFilter) {
          costBreakdown(by: MODEL, filter: $filter) { key requests unpricedRequests }
          models { provider model catalog { catalogKey } }
        }
        """;

    public static Command Create(CliContext context)
    {
        var range = new Option<string>("--range") { Description = "LAST_24_HOURS, LAST_7_DAYS, LAST_30_DAYS (default) or LAST_90_DAYS.", DefaultValueFactory = _ => "LAST_30_DAYS" };
        return new Command("unpriced", "Models seen without a price, and their unpriced calls.") { range }.WithApi(context, async (parse, api, cancellationToken) =>
        {
            var data = await api.QueryAsync(Document, new { filter = new { range = parse.GetValue(range) } }, cancellationToken);
            var providers = data.Items("models").ToLookup(m => m.Text("model")!, m => m.Text("provider")!);
            var unpriced = data.Items("costBreakdown").Where(s => s.GetProperty("unpricedRequests").GetInt64() > 0)
                .OrderByDescending(s => s.GetProperty("unpricedRequests").GetInt64()).ThenBy(s => s.Text("key"), StringComparer.Ordinal).ToList();
            if (unpriced.Count == 0)
            {
                context.Console.MarkupLine("[green]Every model called in the range has a price.[/]");
                return;
            }

            var table = Tables.Of("Model", "Providers", ">Unpriced calls", ">Calls");
            foreach (var share in unpriced)
            {
                var model = share.Text("key")!;
                table.Row(Plain(model), Plain(string.Join(", ", providers[model].Order(StringComparer.Ordinal))),
                    Coloured(share.GetProperty("unpricedRequests").GetInt64().ToString(CultureInfo.InvariantCulture), "yellow"),
                    Plain(share.GetProperty("requests").GetInt64().ToString(CultureInfo.InvariantCulture)));
            }

            context.Console.Write(table);
            context.Console.MarkupLine("Give one a price, which re-prices its calls: [blue]tokenopt prices set --model <model> --input <usd> --output <usd> --effective-from <date>[/]");
        });
    }
}
