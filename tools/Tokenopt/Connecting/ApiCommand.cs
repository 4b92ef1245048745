using System.CommandLine;

namespace TokenOptimizer.Tokenopt.Connecting;

/// <summary>
/// A command that talks to the Query service: its action gets the connection the options resolve to; problems are
/// reported as <see cref="CommandAction"/> does.
/// </summary>
public static class ApiCommand
{
    public static Command WithApi(this Command command, CliContext context, Func<ParseResult, QueryApi, CancellationToken, Task> action) =>
        command.WithAction(context, async (parse, cancellationToken) =>
        {
            using var api = QueryApi.Connect(ConnectionOptions.Resolve(parse, context), context.Handler);
            await action(parse, api, cancellationToken);
        });
}
