using System.Diagnostics;
using TokenOptimizer.Testing;

namespace TokenOptimizer.TypeScriptSdk.Tests;

/// <summary><c>sdk/typescript</c>, with its <c>node_modules</c> installed from the committed lock file on first use.</summary>
public static class SdkFolder
{
    private static readonly Lock Gate = new();
    private static bool _installed;

    public static string Path => System.IO.Path.Combine(Repository.Root(), "sdk", "typescript");

    /// <summary>Runs <c>npm ci</c> unless <c>node_modules</c> already matches <c>package-lock.json</c>.</summary>
    public static void EnsureInstalled()
    {
        lock (Gate)
        {
            if (_installed)
            {
                return;
            }

            // npm writes node_modules/.package-lock.json on every install: older than the lock file means stale.
            var installedLock = new FileInfo(System.IO.Path.Combine(Path, "node_modules", ".package-lock.json"));
            if (!installedLock.Exists || installedLock.LastWriteTimeUtc < File.GetLastWriteTimeUtc(System.IO.Path.Combine(Path, "package-lock.json")))
            {
                var (exitCode, output) = Run("npm", ["ci", "--no-audit", "--no-fund", "--prefer-offline"], new Dictionary<string, string>());
                if (exitCode != 0)
                {
                    throw new InvalidOperationException($"npm ci in {Path} failed (exit {exitCode}):\n{output}");
                }
            }

            _installed = true;
        }
    }

    /// <summary>Runs a command in the folder to its end and returns its exit code and its output (both streams).</summary>
    public static (int ExitCode, string Output) Run(string command, IEnumerable<string> arguments, IReadOnlyDictionary<string, string> environment)
    {
        var start = new ProcessStartInfo(command) { WorkingDirectory = Path, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        foreach (var (key, value) in environment)
        {
            start.Environment[key] = value;
        }

        using var process = new Process { StartInfo = start };
        var errors = new System.Text.StringBuilder();
        process.ErrorDataReceived += (_, line) => errors.AppendLine(line.Data);
        process.Start();
        process.BeginErrorReadLine();
        var output = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        return (process.ExitCode, output + errors);
    }
}
