using Spectre.Console;
using TokenOptimizer.Tokenopt;

namespace TokenOptimizer.SystemTests.UsingTheCli;

/// <summary>
/// One <c>tokenopt</c> invocation in process, its consoles captured as plain text (no colour codes, wide enough that
/// tables never wrap) and its environment the test's own: the config file in a temporary folder, never the user's home.
/// </summary>
public sealed record CliRun(int ExitCode, string Output, string Errors, string Data)
{
    public static async Task<CliRun> InvokeAsync(IReadOnlyDictionary<string, string> environment, params string[] args)
    {
        var (output, errors, data) = (new StringWriter(), new StringWriter(), new StringWriter());
        var context = new CliContext(Console(output), Console(errors), data, errors, name => environment.GetValueOrDefault(name), TimeProvider.System);
        var exitCode = await TokenoptCli.RunAsync(args, context);
        return new CliRun(exitCode, output.ToString(), errors.ToString(), data.ToString());
    }

    /// <summary>The lines of <see cref="Output"/> that are table rows, as their trimmed cells.</summary>
    public IReadOnlyList<string[]> Rows() => Output.Split('\n')
        .Where(l => l.Contains('│', StringComparison.Ordinal))
        .Select(l => l.Split('│').Select(c => c.Trim()).ToArray()[1..^1])
        .ToList();

    /// <summary>The table row whose first cell is <paramref name="first"/>.</summary>
    public string[] Row(string first) => Rows().Single(r => r[0] == first);

    private static IAnsiConsole Console(StringWriter writer)
    {
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Ansi = AnsiSupport.No, ColorSystem = ColorSystemSupport.NoColors, Out = new AnsiConsoleOutput(writer),
            Interactive = InteractionSupport.No,
        });
        console.Profile.Width = 240;
        console.Profile.Capabilities.Unicode = true;
        return console;
    }
}
