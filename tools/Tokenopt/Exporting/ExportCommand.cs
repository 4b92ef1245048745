using System.CommandLine;
using Spectre.Console;
using TokenOptimizer.Tokenopt.Connecting;

namespace TokenOptimizer.Tokenopt.Exporting;

/// <summary>
/// <c>tokenopt export</c>: the Query service's <c>/export/usage.csv</c> (every call, <c>--format csv</c>) or
/// <c>/export/focus.csv</c> (FinOps FOCUS, <c>--format focus</c>), streamed to a file or to standard output.
/// </summary>
public static class ExportCommand
{
    private static readonly Dictionary<string, string> Paths = new(StringComparer.OrdinalIgnoreCase)
    {
        ["csv"] = "export/usage.csv",
        ["focus"] = "export/focus.csv",
    };

    public static Command Create(CliContext context)
    {
        var format = new Option<string>("--format") { Description = "csv (every call) or focus (FinOps FOCUS cost and usage).", DefaultValueFactory = _ => "csv" };
        format.AcceptOnlyFromAmong([.. Paths.Keys]);
        var output = new Option<string>("--output", "-o") { Description = "The file to write; standard output when omitted." };
        var range = new Option<string>("--range") { Description = "LAST_HOUR, LAST_24_HOURS (default), LAST_7_DAYS, LAST_30_DAYS or LAST_90_DAYS." };
        var from = new Option<string>("--from") { Description = "Start, ISO-8601 (e.g. 2026-01-01); not with --range." };
        var to = new Option<string>("--to") { Description = "End (exclusive), ISO-8601; default now." };
        var command = new Command("export", "Download usage as CSV or FinOps FOCUS.") { format, output, range, from, to };
        return command.WithApi(context, async (parse, api, cancellationToken) =>
        {
            var query = string.Join("&", new[] { ("range", parse.GetValue(range)), ("from", parse.GetValue(from)), ("to", parse.GetValue(to)) }
                .Where(p => p.Item2 is not null).Select(p => $"{p.Item1}={Uri.EscapeDataString(p.Item2!)}"));
            using var response = await api.ExportAsync(Paths[parse.GetValue(format)!] + (query.Length > 0 ? "?" + query : ""), cancellationToken);
            await using var body = await response.Content.ReadAsStreamAsync(cancellationToken);
            if (parse.GetValue(output) is not { } path)
            {
                using var reader = new StreamReader(body);
                var buffer = new char[16 * 1024];
                for (int read; (read = await reader.ReadAsync(buffer, cancellationToken)) > 0;)
                {
                    await context.Data.WriteAsync(buffer.AsMemory(0, read), cancellationToken);
                }

                await context.Data.FlushAsync(cancellationToken);
                return;
            }

            await using (var file = File.Create(path))
            {
                await body.CopyToAsync(file, cancellationToken);
            }

            context.Console.MarkupLine($"Wrote {Markup.Escape(Path.GetFullPath(path))}.");
        });
    }
}
