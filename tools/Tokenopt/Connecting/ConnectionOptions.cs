using System.CommandLine;

namespace TokenOptimizer.Tokenopt.Connecting;

/// <summary>
/// <c>--endpoint</c> and <c>--api-key</c>, on every command. Each setting comes from its flag, else its environment
/// variable (<c>TOKENOPT_ENDPOINT</c>, <c>TOKENOPT_API_KEY</c>), else the config file.
/// </summary>
public static class ConnectionOptions
{
    public const string EndpointVariable = "TOKENOPT_ENDPOINT";
    public const string ApiKeyVariable = "TOKENOPT_API_KEY";

    public static Option<string> Endpoint { get; } = new("--endpoint")
    {
        Description = $"The Query service's URL, e.g. http://localhost:5080 (else ${EndpointVariable}, else the config file).",
        Recursive = true,
    };

    public static Option<string> ApiKey { get; } = new("--api-key")
    {
        Description = $"An API key with the read role, or admin to change budgets and prices (else ${ApiKeyVariable}, else the config file).",
        Recursive = true,
    };

    /// <summary>The settings in force for this invocation; fails naming what is missing.</summary>
    public static Settings Resolve(ParseResult parse, CliContext context)
    {
        var saved = ConfigFile.Locate(context.Environment).Read();
        var settings = new Settings
        {
            Endpoint = parse.GetValue(Endpoint) ?? NonEmpty(context.Environment(EndpointVariable)) ?? saved.Endpoint,
            ApiKey = parse.GetValue(ApiKey) ?? NonEmpty(context.Environment(ApiKeyVariable)) ?? saved.ApiKey,
        };
        return settings switch
        {
            { Endpoint: null or "" } => throw new CliError($"No endpoint: run tokenopt init --endpoint <url> --api-key <key>, or set {EndpointVariable}."),
            { ApiKey: null or "" } => throw new CliError($"No API key: run tokenopt init --endpoint <url> --api-key <key>, or set {ApiKeyVariable}."),
            _ => settings,
        };
    }

    private static string? NonEmpty(string? value) => string.IsNullOrEmpty(value) ? null : value;
}
