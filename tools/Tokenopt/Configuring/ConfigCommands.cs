using System.CommandLine;
using Spectre.Console;
using TokenOptimizer.Tokenopt.Connecting;

namespace TokenOptimizer.Tokenopt.Configuring;

/// <summary>
/// <c>tokenopt config path|show|set</c>: where the settings file is, the settings in force and where each comes from (the
/// API key masked), and changing one setting in the file without the server check <c>init</c> makes.
/// </summary>
public static class ConfigCommands
{
    public static Command Create(CliContext context)
    {
        var name = new Argument<string>("name") { Description = $"The setting: {string.Join(" or ", SettingNames.All)}." };
        var value = new Argument<string>("value") { Description = "Its new value." };
        return new Command("config", "Show or change the saved endpoint and API key.")
        {
            new Command("path", "Print the config file's path.").WithLocalAction(context, _ =>
                context.Data.WriteLine(ConfigFile.Locate(context.Environment).Path)),
            new Command("show", "Show the settings in force and where each comes from; the API key masked.").WithLocalAction(context, parse => Show(parse, context)),
            new Command("set", "Save one setting to the config file.") { name, value }.WithLocalAction(context, parse =>
            {
                var file = ConfigFile.Locate(context.Environment);
                var changed = SettingNames.With(file.Read(), parse.GetValue(name)!, parse.GetValue(value)!);
                file.Write(changed);
                context.Console.MarkupLine($"[green]Saved[/] {Markup.Escape(parse.GetValue(name)!.Trim().ToLowerInvariant())} to {Markup.Escape(file.Path)}.");
            }),
        };
    }

    private static void Show(ParseResult parse, CliContext context)
    {
        var file = ConfigFile.Locate(context.Environment);
        var saved = file.Read();
        context.Console.MarkupLine($"Config file: {Markup.Escape(file.Path)}{(File.Exists(file.Path) ? "" : " (not created yet)")}");
        var grid = new Grid().AddColumns(3);
        var (endpoint, endpointFrom) = InForce(parse.GetValue(ConnectionOptions.Endpoint), context.Environment(ConnectionOptions.EndpointVariable), ConnectionOptions.EndpointVariable, saved.Endpoint);
        var (apiKey, apiKeyFrom) = InForce(parse.GetValue(ConnectionOptions.ApiKey), context.Environment(ConnectionOptions.ApiKeyVariable), ConnectionOptions.ApiKeyVariable, saved.ApiKey);
        grid.AddRow(SettingNames.Endpoint, Markup.Escape(endpoint ?? "(not set)"), endpointFrom);
        grid.AddRow(SettingNames.ApiKey, Markup.Escape(apiKey is null ? "(not set)" : SettingNames.Masked(apiKey)), apiKeyFrom);
        context.Console.Write(grid);
    }

    // The same order as every other command resolves them in: flag, environment variable, config file.
    private static (string? Value, string From) InForce(string? flag, string? variable, string variableName, string? saved) =>
        flag is { Length: > 0 } ? (flag, "flag")
        : variable is { Length: > 0 } ? (variable, variableName)
        : saved is { Length: > 0 } ? (saved, "config file")
        : (null, "");

    // Local commands do no I/O worth awaiting: a finished task keeps them on the one action path every command takes.
    private static Command WithLocalAction(this Command command, CliContext context, Action<ParseResult> action) =>
        command.WithAction(context, (parse, _) =>
        {
            action(parse);
            return Task.CompletedTask;
        });
}
