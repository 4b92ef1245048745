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

    private static JsonObject Run()
    {
        var directory = Corpus.Directory;
        if (!File.Exists(Path.Combine(directory, "node_modules", "graphql", "package.json")))
        {
            Execute("npm", "ci --no-audit --no-fund", directory, "npm is required to install graphql-js for the conformance suite (install Node.js 18+ with npm).");
        }

        var output = Path.Combine(Path.GetTempPath(), $"graphql-reference-{Guid.NewGuid():N}.json");
        try
        {
            Execute("node", $"reference.cjs corpus \"{output}\"", directory, "Node.js is required to run graphql-js for the conformance suite.");
            return JsonNode.Parse(File.ReadAllText(output))!.AsObject();
        }
        finally
        {
            File.Delete(output);
        }
    }

    private static void Execute(string program, string arguments, string directory, string missingMessage)
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
        }
    }
}
