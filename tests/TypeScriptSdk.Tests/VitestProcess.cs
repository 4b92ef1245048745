using System.Diagnostics;
using System.Text;

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
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            Environment = { ["NO_COLOR"] = "1", ["CI"] = "1" },
        };
        foreach (var (key, value) in environment)
        {
            start.Environment[key] = value;
        }

        var output = new StringBuilder();
        var markerSeen = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        using var process = new Process { StartInfo = start };
        process.OutputDataReceived += (_, line) =>
        {
            Append(output, line.Data);
            if (line.Data?.Trim() == marker)
            {
                markerSeen.TrySetResult();
            }
        };
        process.ErrorDataReceived += (_, line) => Append(output, line.Data);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();

        using var deadline = new CancellationTokenSource(timeout);
        var exited = process.WaitForExitAsync(deadline.Token);
        try
        {
            if (await Task.WhenAny(markerSeen.Task, exited) == markerSeen.Task)
            {
                await onMarker();
            }

            await exited;
        }
        catch (Exception exception) // the deadline passed, or the service could not be started at the marker
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync(CancellationToken.None);
            throw new InvalidOperationException($"The TypeScript SDK's tests did not finish ({exception.Message}). Their output:\n{Read(output)}", exception);
        }

        try
        {
            var report = File.Exists(reportFile) ? new VitestReport(await File.ReadAllTextAsync(reportFile)) : new VitestReport();
            return (process.ExitCode, report, Read(output));
        }
        finally
        {
            File.Delete(reportFile);
        }
    }

    private static void Append(StringBuilder output, string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (output)
        {
            output.Append(line).Append('\n');
        }
    }

    private static string Read(StringBuilder output)
    {
        lock (output)
        {
            return output.ToString();
        }
    }
}
