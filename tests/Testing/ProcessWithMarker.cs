using System.Diagnostics;
using System.Text;

namespace TokenOptimizer.Testing;

/// <summary>
/// Runs a child process (an SDK's test suite) to its end and calls back when a line of its standard output equals a
/// marker, so the caller can change the world (start a service) while the child waits.
/// </summary>
public static class ProcessWithMarker
{
    /// <summary>The process's exit code and its output (both streams, line by line as they came).</summary>
    /// <exception cref="InvalidOperationException">The deadline passed, or <paramref name="onMarker"/> failed; the process was killed.</exception>
    public static async Task<(int ExitCode, string Output)> RunAsync(ProcessStartInfo start, string marker, Func<Task> onMarker, TimeSpan timeout)
    {
        start.RedirectStandardOutput = true;
        start.RedirectStandardError = true;
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
            throw new InvalidOperationException($"{start.FileName} {string.Join(' ', start.ArgumentList)} did not finish ({exception.Message}). Its output:\n{Read(output)}", exception);
        }

        return (process.ExitCode, Read(output));
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
