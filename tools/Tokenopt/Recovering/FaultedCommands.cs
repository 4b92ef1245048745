using System.CommandLine;
using System.Globalization;
using Spectre.Console;
using TokenOptimizer.Tokenopt.Connecting;

namespace TokenOptimizer.Tokenopt.Recovering;

/// <summary>
/// <c>tokenopt faulted</c>: how many bus messages wait in Ingestion's error queues (their records are not stored);
/// <c>tokenopt faulted redeliver</c> moves them back to be consumed again, each once (admin key).
/// </summary>
public static class FaultedCommands
{
    public static Command Create(CliContext context)
    {
        var redeliver = new Command("redeliver", "Move the parked messages back to be consumed again, each once (admin key).").WithApi(context, async (_, api, cancellationToken) =>
        {
            var moved = (await api.QueryAsync("mutation { redeliverFaultedMessages }", null, cancellationToken)).GetProperty("redeliverFaultedMessages").GetInt64();
            context.Console.MarkupLine(moved == 0 ? "[green]No parked messages.[/]" : $"Moved [green]{moved.ToString(CultureInfo.InvariantCulture)}[/] messages back.");
        });
        return new Command("faulted", "Bus messages parked in Ingestion's error queues, not stored until moved back.") { redeliver }.WithApi(context, async (_, api, cancellationToken) =>
        {
            var faulted = (await api.QueryAsync("{ dataHealth { faultedMessages } }", null, cancellationToken)).GetProperty("dataHealth").GetProperty("faultedMessages");
            context.Console.MarkupLine(faulted.ValueKind switch
            {
                System.Text.Json.JsonValueKind.Null => "[yellow]Ingestion did not answer: the error queues could not be counted.[/]",
                _ when faulted.GetInt64() == 0 => "[green]No parked messages.[/]",
                _ => $"[yellow]{faulted.GetInt64().ToString(CultureInfo.InvariantCulture)} messages parked.[/] Once their cause is fixed: [blue]tokenopt faulted redeliver[/]",
            });
        });
    }
}
