using System.Diagnostics;
using System.Text;

namespace TokenOptimizer.SystemTests.UsingThePythonSdk;

/// <summary>
/// Runs <c>python3 -m unittest discover -s tests -v</c> in <c>sdk/python</c> and calls back when a line of its
/// standard output equals a marker, so the caller can change the world (start a service) while the tests wait.
/// </summary>
public static class UnittestProcess
{
    public static async Task<(int ExitCode, UnittestReport Report)> RunAsync(
        IReadOnlyDictionary<string, string> environment, string marker, Func<Task> onMarker, TimeSpan timeout)
    {
        var start = new ProcessStartInfo(PythonInterpreter.Locate())
        {
            ArgumentList = { "-m", "unittest", "discover", "-s", "tests", "-v" },
            WorkingDirectory = PythonTestCases.Folder,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            Environment = { ["PYTHONDONTWRITEBYTECODE"] = "1", ["PYTHONUNBUFFERED"] = "1" },
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
            if (line.Data == marker)
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
            throw new InvalidOperationException($"The Python SDK's tests did not finish ({exception.Message}). Their output:\n{Read(output)}", exception);
        }

        return (process.ExitCode, new UnittestReport(Read(output)));
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
