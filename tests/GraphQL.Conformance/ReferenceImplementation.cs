using System.Diagnostics;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace TokenOptimizer.GraphQL.Conformance;

/// <summary>
/// Runs graphql-js once per test run over the whole corpus. Installs it with <c>npm ci</c> (from the
/// committed lockfile) when node_modules is missing, so a fresh machine needs only Node.js and npm.
/// </summary>
internal static class ReferenceImplementation
{
    private static readonly Lazy<JsonObject> Output = new(Run);

    public static string Sdl => Output.Value["sdl"]!.GetValue<string>();

    public static JsonNode Result(string id) =>
        Output.Value["results"]![id] ?? throw new InvalidOperationException($"graphql-js produced no result for {id}.");

    private static readonly Lazy<bool> Installed = new(Install);

    /// <summary>Runs a Node.js script from the conformance folder and returns what it printed.</summary>
    public static string RunNode(string arguments)
    {
        _ = Installed.Value;
        return Execute("node", arguments, Corpus.Directory, "Node.js is required to run graphql-js for the conformance suite.");
    }

    private static bool Install()
    {
        var directory = Corpus.Directory;
        string[] packages = ["graphql", "graphql-ws", "graphql-sse", "ws"];
        if (packages.Any(p => !File.Exists(Path.Combine(directory, "node_modules", p, "package.json"))))
        {
            Execute("npm", "ci --no-audit --no-fund", directory, "npm is required to install graphql-js for the conformance suite (install Node.js 20+ with npm).");
        }

        return true;
    }

    private static JsonObject Run()
    {

        var output = Path.Combine(Path.GetTempPath(), $"graphql-reference-{Guid.NewGuid():N}.json");
        try
        {
            RunNode($"reference.cjs corpus \"{output}\"");
            return JsonNode.Parse(File.ReadAllText(output))!.AsObject();
        }
        finally
        {
            File.Delete(output);
        }
    }

    private static string Execute(string program, string arguments, string directory, string missingMessage)
    {
        var start = new ProcessStartInfo(program, arguments)
        {
            WorkingDirectory = directory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        Process process;
        try
        {
            process = Process.Start(start) ?? throw new InvalidOperationException(missingMessage);
        }
        catch (System.ComponentModel.Win32Exception error)
        {
            throw new InvalidOperationException($"{missingMessage} Could not start '{program}': {error.Message}", error);
        }

        using (process)
        {
            var stderr = new System.Text.StringBuilder();
            process.ErrorDataReceived += (_, e) => stderr.AppendLine(e.Data);
            process.BeginErrorReadLine();
            var stdout = process.StandardOutput.ReadToEnd();
            process.WaitForExit();
            if (process.ExitCode != 0)
            {
                throw new InvalidOperationException($"'{program} {arguments}' failed with exit code {process.ExitCode}:\n{stdout}\n{stderr}");
            }

            return stdout;
        }
    }
}
