using System.CommandLine;
using System.Globalization;
using Spectre.Console;
using TokenOptimizer.Tokenopt.Connecting;
using static TokenOptimizer.Tokenopt.Reporting.Tables;

namespace TokenOptimizer.Tokenopt.Reporting;

/// <summary><c>tokenopt optimize</c>: the open recommendations with the largest monthly savings, and what they add up to.</summary>
public static class OptimizeCommand
{
    private const string Document = """
        query Optimize($limit: Int) {
          recommendations(status: "suggested", limit: $limit) {
            rank kind feature provider model change monthlySavingUsd savingPercent qualityImpact confidenceLabel
          }
          overview(filter: { range: LAST_30_DAYS }) { optimisationPotentialUsd }
        }
        """;

    public static Command Create(CliContext context)
    {
        var limit = new Option<int>("--limit") { Description = "How many recommendations, 1–500.", DefaultValueFactory = _ => 10 };
        return new Command("optimize", "The top recommendations, with their monthly savings.") { limit }.WithApi(context, async (parse, api, cancellationToken) =>
        {
            var data = await api.QueryAsync(Document, new { limit = parse.GetValue(limit) }, cancellationToken);
            var recommendations = data.Items("recommendations").ToList();
            if (recommendations.Count == 0)
            {
                context.Console.MarkupLine("[green]No open recommendations.[/] They appear once there is enough usage to compare models on (at least a few calls per feature and model).");
                return;
            }

            var table = Tables.Of(">#", "Change", "Feature", ">Saving / month", ">Saving", "Quality", "Confidence");
            foreach (var r in recommendations)
            {
                table.Row(Plain(r.GetProperty("rank").ToString()), Plain(r.Text("change")), Plain(r.Text("feature")),
                    Coloured(Money.Usd(r.Decimal("monthlySavingUsd")), "green"), Plain(r.Decimal("savingPercent").ToString(CultureInfo.InvariantCulture) + " %"),
                    Plain(r.Text("qualityImpact")), Plain(r.Text("confidenceLabel")));
            }

            context.Console.Write(table);
            if (data.GetProperty("overview").OptionalDecimal("optimisationPotentialUsd") is { } potential)
            {
                // Alternatives for one feature and model do not add up: the API counts each pair's best once.
                context.Console.MarkupLine($"Taking the best change for each feature and model saves [bold green]{Markup.Escape(Money.Usd(potential))}[/] per month.");
            }
        });
    }
}
