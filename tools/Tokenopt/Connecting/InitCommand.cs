using System.CommandLine;
using Spectre.Console;

namespace TokenOptimizer.Tokenopt.Connecting;

/// <summary><c>tokenopt init</c>: checks the endpoint and key with a probe query, then saves them to the config file.</summary>
public static class InitCommand
{
    public static Command Create(CliContext context) => new Command("init", "Save the Query service's endpoint and your API key, after checking them.")
        .WithApi(context, async (parse, api, cancellationToken) =>
        {
            // The cheapest query there is: it still needs the service to answer GraphQL and to accept the key.
            await api.QueryAsync("{ __typename }", null, cancellationToken);
            var settings = ConnectionOptions.Resolve(parse, context);
            var file = ConfigFile.Locate(context.Environment);
            file.Write(settings);
            context.Console.MarkupLine($"[green]Connected[/] to {Markup.Escape(settings.Endpoint!)}; saved to {Markup.Escape(file.Path)}.");
        });
}
