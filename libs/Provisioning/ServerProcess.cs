using System.Diagnostics;

namespace TokenOptimizer.Provisioning;

/// <summary>
/// A long-running server we started: its output goes to a log file in the data folder, it runs in its
/// own session (so a Ctrl+C in the AppHost's terminal does not reach it before the AppHost has stopped
/// the services that use it), and its pid is the server's own (every wrapper execs in place). The
/// launching shell lists that pid in the watchdog's tracking file before it execs, so there is no moment
/// in which the server runs but the watchdog does not know it.
/// </summary>
internal sealed class ServerProcess : IDisposable
{
    // The shell registers its pid, opens the log (as us, who may write anywhere) and then becomes the server.
    private const string RegisterRedirectAndExec =
        "log=$1; list=$2; signal=$3; stopping=$4; shift 4; echo \"$$ $signal $stopping\" >>\"$list\"; exec \"$@\" </dev/null >>\"$log\" 2>&1";

    private readonly Process _process;

    private ServerProcess(string name, Process process, string logFile)
    {
        Name = name;
        _process = process;
        LogFile = logFile;
    }

    public string Name { get; }

    public int Id => _process.Id;

    public string LogFile { get; }

    public bool HasExited => _process.HasExited;

    public int? ExitCode => _process.HasExited ? _process.ExitCode : null;

    public static ServerProcess Start(
        string name,
        ServiceAccount account,
        string fileName,
        IEnumerable<string> arguments,
        string logFile,
        Watchdog watchdog,
        Signal stopSignal,
        Stopping stopping,
        IReadOnlyDictionary<string, string>? environment = null)
    {
        var startInfo = new ProcessStartInfo("/bin/sh") { UseShellExecute = false };
        foreach (var argument in new[] { "-c", RegisterRedirectAndExec, "sh", logFile, watchdog.TrackingFile, stopSignal.ShellName(), stopping.ShellName(), "setsid" }
                     .Concat(account.CommandPrefix)
                     .Append(fileName)
                     .Concat(arguments))
        {
            startInfo.ArgumentList.Add(argument);
        }

        foreach (var (key, value) in environment ?? new Dictionary<string, string>())
        {
            startInfo.Environment[key] = value;
        }

        var process = Process.Start(startInfo)
            ?? throw new ProvisioningException($"Could not start {name}.");
        return new ServerProcess(name, process, logFile);
    }

    public void Send(Signal signal)
    {
        if (!_process.HasExited)
        {
            ProcessTable.Send(_process.Id, signal);
        }
    }

    /// <summary>Signals the process and every process in its group (setsid made it the group's leader).</summary>
    public void SendToGroup(Signal signal)
    {
        ProcessTable.SendToGroup(_process.Id, signal);
        Send(signal);
    }

    /// <summary>Waits for the process to end (and reaps it, so it leaves no zombie behind).</summary>
    public bool WaitForExit(TimeSpan timeout) => _process.WaitForExit(timeout);

    public void Dispose() => _process.Dispose();
}
