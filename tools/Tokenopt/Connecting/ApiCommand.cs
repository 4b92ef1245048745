using System.CommandLine;
using Spectre.Console;

namespace TokenOptimizer.Tokenopt.Connecting;

/// <summary>
/// A command that talks to the Query service: its action gets the connection the options resolve to, and any
/// <see cref="CliError"/> it raises (or a file it cannot write: the config, an export) is printed in red on the
/// error console with exit code 1.
/// </summary>
public static class ApiCommand
{
    public static Command WithApi(this Command command, CliContext context, Func<ParseResult, QueryApi, CancellationToken, Task> action)
    {
        command.SetAction(async (parse, cancellationToken) =>
        {
            try
            {
                using var api = QueryApi.Connect(ConnectionOptions.Resolve(parse, context), context.Handler);
                await action(parse, api, cancellationToken);
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
