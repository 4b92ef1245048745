using System.CommandLine;
using System.Globalization;
using Spectre.Console;
using TokenOptimizer.Tokenopt.Connecting;
using TokenOptimizer.Tokenopt.Reporting;
using static TokenOptimizer.Tokenopt.Reporting.Tables;

namespace TokenOptimizer.Tokenopt.Recovering;

/// <summary>
/// <c>tokenopt projections</c>: each read model's projection with its lag and dead letters;
/// <c>tokenopt projections rebuild [--projection NAME]</c> builds the read models again from the first event (admin key).
/// They share one position, so naming any of them rebuilds all; without a name the first listed is named.
/// </summary>
public static class ProjectionsCommands
{
    private const string ListDocument = "{ dataHealth { projections { name lag deadLetters } } }";
    private const string RebuildDocument = "mutation($projection: String!) { rebuildProjection(projection: $projection) { projection checkpoint } }";

    public static Command Create(CliContext context)
    {
        var projection = new Option<string>("--projection") { Description = "A projection to name (any of them rebuilds all; default: the first listed)." };
        var rebuild = new Command("rebuild", "Build every read model again from the first event (admin key); the figures follow on from there.") { projection }
            .WithApi(context, async (parse, api, cancellationToken) =>
            {
                var name = parse.GetValue(projection)
                    ?? (await api.QueryAsync(ListDocument, null, cancellationToken)).GetProperty("dataHealth").Items("projections").First().Text("name");
                var rebuilt = (await api.QueryAsync(RebuildDocument, new { projection = name }, cancellationToken)).GetProperty("rebuildProjection");
                context.Console.MarkupLine($"Rebuilt every read model through event [green]{rebuilt.GetProperty("checkpoint").GetInt64().ToString(CultureInfo.InvariantCulture)}[/].");
            });
        return new Command("projections", "The read models' projections: how far behind, and their dead letters.") { rebuild }.WithApi(context, async (_, api, cancellationToken) =>
        {
            var table = Tables.Of("Projection", ">Lag", ">Dead letters");
            foreach (var state in (await api.QueryAsync(ListDocument, null, cancellationToken)).GetProperty("dataHealth").Items("projections"))
            {
                table.Row(Plain(state.Text("name")), Plain(state.GetProperty("lag").GetInt64().ToString(CultureInfo.InvariantCulture)), Plain(state.GetProperty("deadLetters").GetInt32().ToString(CultureInfo.InvariantCulture)));
            }

            context.Console.Write(table);
        });
    }
}
