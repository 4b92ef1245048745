using System.Diagnostics;

namespace TokenOptimizer.Provisioning;

/// <summary>Runs a short-lived command (apt-get, initdb, rabbitmqctl, chown, docker, node) to completion.</summary>
public static class CommandRunner
{
    /// <summary>
    /// Runs the command for at most <paramref name="timeout"/>, capturing stdout and stderr; past it the command's whole
    /// process tree is killed and <see cref="TimeoutException"/> thrown.
    /// </summary>
    public static async Task<CommandResult> RunAsync(
        string fileName, IEnumerable<string> arguments, IReadOnlyDictionary<string, string>? environment, TimeSpan timeout, string? workingDirectory = null)
    {
        using var deadline = new CancellationTokenSource(timeout);
        try
        {
            return await RunAsAsync(null, fileName, arguments, environment, null, deadline.Token, workingDirectory);
        }
        catch (OperationCanceledException) when (deadline.IsCancellationRequested)
        {
            throw new TimeoutException($"'{fileName} {string.Join(' ', arguments)}' did not finish within {timeout.TotalSeconds:0} s");
        }
    }

    internal static Task<CommandResult> RunAsync(
        string fileName,
        IEnumerable<string> arguments,
        IReadOnlyDictionary<string, string>? environment,
        Action<string>? output,
        CancellationToken ct) =>
        RunAsAsync(null, fileName, arguments, environment, output, ct);

    /// <summary>Runs the command as <paramref name="account"/> (or as us when null), capturing stdout and stderr.</summary>
    internal static async Task<CommandResult> RunAsAsync(
        ServiceAccount? account,
        string fileName,
        IEnumerable<string> arguments,
        IReadOnlyDictionary<string, string>? environment,
        Action<string>? output,
        CancellationToken ct,
        string? workingDirectory = null)
    {
        var commandLine = (account?.CommandPrefix ?? []).Append(fileName).Concat(arguments).ToList();
        var startInfo = new ProcessStartInfo(commandLine[0])
        {
            UseShellExecute = false,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = workingDirectory ?? "",
        };
        foreach (var argument in commandLine.Skip(1))
        {
            startInfo.ArgumentList.Add(argument);
        }

        foreach (var (name, value) in environment ?? new Dictionary<string, string>())
        {
            startInfo.Environment[name] = value;
        }

        var lines = new List<string>();
        void OnLine(string? line)
        {
            if (line is null)
            {
                return;
            }

            lock (lines)
            {
                lines.Add(line);
            }

            output?.Invoke(line);
        }

        using var process = new Process { StartInfo = startInfo };
        process.OutputDataReceived += (_, e) => OnLine(e.Data);
        process.ErrorDataReceived += (_, e) => OnLine(e.Data);
        try
        {
            process.Start();
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            throw new ProvisioningException($"Could not run '{commandLine[0]}': {e.Message}", e);
        }

        // Nothing we run should wait for a keyboard.
        process.StandardInput.Close();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        try
        {
            await process.WaitForExitAsync(ct);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw;
        }

        lock (lines)
        {
            return new CommandResult(string.Join(' ', commandLine), process.ExitCode, [.. lines]);
        }
    }
}

/// <summary>How a command ended and what it printed.</summary>
public sealed record CommandResult(string CommandLine, int ExitCode, IReadOnlyList<string> Output)
{
    /// <summary>Whether it exited with 0.</summary>
    public bool Succeeded => ExitCode == 0;

    /// <summary>Everything the command printed, stdout and stderr interleaved as they came.</summary>
    public string Text => string.Join('\n', Output);

    /// <summary>Throws <see cref="ProvisioningException"/> with the output's last lines unless it succeeded.</summary>
    public void ThrowIfFailed(string doing)
    {
        if (!Succeeded)
        {
            var tail = string.Join('\n', Output.TakeLast(30));
            throw new ProvisioningException($"Failed {doing}: '{CommandLine}' exited with {ExitCode}.\n{tail}");
        }
    }
}
