using System.Diagnostics;
using TokenOptimizer.Testing;

namespace TokenOptimizer.TypeScriptSdk.Tests;

/// <summary>
/// Runs the SDK's whole Vitest suite (<c>npx vitest run</c> in <c>sdk/typescript</c>) with a JSON report, and calls back
/// when a line of its output equals a marker, so the caller can change the world (start a service) while the tests wait.
/// </summary>
public static class VitestProcess
{
    public static async Task<(int ExitCode, VitestReport Report, string Output)> RunAsync(
        IReadOnlyDictionary<string, string> environment, string marker, Func<Task> onMarker, TimeSpan timeout)
    {
        var reportFile = Path.Combine(Path.GetTempPath(), $"vitest-{Guid.NewGuid():N}.json");
        var start = new ProcessStartInfo("npx")
        {
            ArgumentList = { "vitest", "run", "--reporter=default", "--reporter=json", "--outputFile.json=" + reportFile },
            WorkingDirectory = SdkFolder.Path,
            Environment = { ["NO_COLOR"] = "1", ["CI"] = "1" },
        };
        foreach (var (key, value) in environment)
        {
            start.Environment[key] = value;
        }

        try
        {
            var (exitCode, output) = await ProcessWithMarker.RunAsync(start, marker, onMarker, timeout);
            // No report when the run failed before its tests ran: every case then reads "did not run".
            var report = File.Exists(reportFile) ? new VitestReport(await File.ReadAllTextAsync(reportFile)) : new VitestReport();
            return (exitCode, report, output);
        }
        finally
        {
            File.Delete(reportFile);
        }
    }
}
