namespace TokenOptimizer.SystemTests.UsingTheCli;

/// <summary>A test's own environment for the CLI: a config path in a fresh temporary folder, plus any variables given.</summary>
public static class CliEnvironment
{
    public static Dictionary<string, string> Isolated(string? endpoint = null, string? apiKey = null)
    {
        var folder = Directory.CreateTempSubdirectory("tokenopt-test-").FullName;
        var environment = new Dictionary<string, string> { ["TOKENOPT_CONFIG"] = Path.Combine(folder, "tokenopt", "config.json") };
        if (endpoint is not null)
        {
            environment["TOKENOPT_ENDPOINT"] = endpoint;
        }

        if (apiKey is not null)
        {
            environment["TOKENOPT_API_KEY"] = apiKey;
        }

        return environment;
    }
}
