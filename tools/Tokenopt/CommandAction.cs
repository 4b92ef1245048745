using System.CommandLine;
using Spectre.Console;

namespace TokenOptimizer.Tokenopt;

/// <summary>
/// Every command's action runs through here: a <see cref="CliError"/> it raises (or a file it cannot read or write: the
/// config, an export) is printed in red on the error console with exit code 1.
/// </summary>
public static class CommandAction
{
    public static Command WithAction(this Command command, CliContext context, Func<ParseResult, CancellationToken, Task> action)
    {
        command.SetAction(async (parse, cancellationToken) =>
        {
            try
            {
                await action(parse, cancellationToken);
                return 0;
            }
            catch (Exception error) when (error is CliError or IOException or UnauthorizedAccessException)
            {
                context.Errors.MarkupLine($"[red]Error:[/] {Markup.Escape(error.Message)}");
                return 1;
            }
        });
        return command;
    }
}
