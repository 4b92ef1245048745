using Spectre.Console;
using Spectre.Console.Rendering;

namespace TokenOptimizer.Tokenopt.Reporting;

/// <summary>How the commands lay out lists: a table whose figures are right-aligned and whose text is never read as markup.</summary>
public static class Tables
{
    public static Table Of(params string[] headers)
    {
        var table = new Table().Border(TableBorder.Rounded);
        foreach (var header in headers)
        {
            var column = new TableColumn(Markup.Escape(header.TrimStart('>')));
            table.AddColumn(header.StartsWith('>') ? column.RightAligned() : column);
        }

        return table;
    }

    public static Table Row(this Table table, params IRenderable[] cells) => table.AddRow(cells);

    public static IRenderable Plain(string? text) => new Text(text ?? "");

    public static IRenderable Usd(decimal amount) => new Text(Money.Usd(amount));

    public static IRenderable Coloured(string text, string colour) => new Markup($"[{colour}]{Markup.Escape(text)}[/]");

    /// <summary>Green below 80 %, yellow from 80 %, red from 100 %: the default budget thresholds.</summary>
    public static string ColourOfUse(decimal percentUsed) => percentUsed >= 100 ? "red" : percentUsed >= 80 ? "yellow" : "green";
}
