using System.CommandLine;
using System.Globalization;
using Spectre.Console;
using TokenOptimizer.Tokenopt.Connecting;
using TokenOptimizer.Tokenopt.Reporting;
using static TokenOptimizer.Tokenopt.Reporting.Tables;

namespace TokenOptimizer.Tokenopt.Recovering;

/// <summary>
/// <c>tokenopt dead-letters</c>: the events each read model could not apply and set aside (the figures miss them), with
/// why (admin keys); <c>tokenopt dead-letters replay [--projection NAME]</c> applies them again after a fix: each that
/// applies now leaves the list, each that still fails stays with its new reason.
/// </summary>
public static class DeadLettersCommands
{
    private const string ListDocument = "{ dataHealth { deadLetters projections { name lag deadLetters letters { sequence eventType reason failedAt } } } }";
    private const string ReplayDocument = "mutation($projection: String) { replayDeadLetters(projection: $projection) { projection applied stillFailing } }";

    public static Command Create(CliContext context)
    {
        var projection = new Option<string>("--projection") { Description = "Only this projection's (default: every projection that has some)." };
        var replay = new Command("replay", "Apply the dead letters again, after a fix (admin key).") { projection }.WithApi(context, async (parse, api, cancellationToken) =>
        {
            var replays = (await api.QueryAsync(ReplayDocument, new { projection = parse.GetValue(projection) }, cancellationToken)).Items("replayDeadLetters").ToList();
            if (replays.Count == 0)
            {
                context.Console.MarkupLine("[green]No dead letters to replay.[/]");
                return;
            }

            var table = Tables.Of("Projection", ">Applied", ">Still failing");
            foreach (var result in replays)
            {
                var failing = result.GetProperty("stillFailing").GetInt32();
                table.Row(Plain(result.Text("projection")), Plain(Count(result.GetProperty("applied").GetInt32())), Coloured(Count(failing), failing > 0 ? "yellow" : "green"));
            }

            context.Console.Write(table);
        });
        return new Command("dead-letters", "Events the read models could not apply and set aside; replay them after a fix.") { replay }.WithApi(context, async (_, api, cancellationToken) =>
        {
            var health = (await api.QueryAsync(ListDocument, null, cancellationToken)).GetProperty("dataHealth");
            if (health.GetProperty("deadLetters").GetInt32() == 0)
            {
                context.Console.MarkupLine("[green]No dead letters: every event is in the read models.[/]");
                return;
            }

            var table = Tables.Of("Projection", ">Event", "Type", "Failed at", "Reason");
            foreach (var state in health.Items("projections").Where(p => p.GetProperty("deadLetters").GetInt32() > 0))
            {
                foreach (var letter in state.Items("letters"))
                {
                    table.Row(Plain(state.Text("name")), Plain(letter.GetProperty("sequence").GetInt64().ToString(CultureInfo.InvariantCulture)),
                        Plain(letter.Text("eventType")), Plain(letter.Text("failedAt")), Plain(letter.Text("reason")));
                }
            }

            context.Console.Write(table);
            context.Console.MarkupLine($"[yellow]{health.GetProperty("deadLetters").GetInt32()} dead letters[/] (reasons are shown to admin keys). After a fix: [blue]tokenopt dead-letters replay[/]");
        });
    }

    private static string Count(int n) => n.ToString(CultureInfo.InvariantCulture);
}
