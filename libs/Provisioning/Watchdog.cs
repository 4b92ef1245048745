using System.Diagnostics;
using System.Globalization;

namespace TokenOptimizer.Provisioning;

/// <summary>
/// Stops our servers if this .NET process dies without disposing them (killed by a test runner, a
/// debugger, SIGKILL). A small shell script reads a pipe whose writing end only we hold: when we die the
/// kernel closes it, the script sees end-of-file at once and signals every process listed in the tracking
/// file (epmd last), waits for them (60 s at most, then SIGKILL), then deletes a throw-away data folder. On a normal dispose we stop the servers ourselves, then
/// write "delete" (it deletes the folder and exits: done by the watchdog so that it completes even if we
/// are killed meanwhile, as vstest kills a test host 100 ms after the run) or "disarm" (it just exits).
/// It is started through a double fork, so it is no child of ours and survives a process-tree kill.
/// </summary>
internal sealed class Watchdog : IDisposable
{
    private const string Script = """
        list=$1; beam_pid_file=$2; beam_signal=$3; folder=$4
        while read -r line; do
          case "$line" in
            disarm) exit 0 ;;
            delete) if [ -n "$folder" ]; then rm -rf "$folder"; fi; exit 0 ;;
          esac
        done
        touch "$list"
        alive() { [ -r "/proc/$1/stat" ] && [ "$(sed 's/^.*) //' "/proc/$1/stat" | cut -c1)" != Z ]; }
        targets=""
        signal_pass() {
          while read -r pid sig how; do
            if [ "$1" = last ] && [ "$how" != last ]; then continue; fi
            if [ "$1" = first ] && [ "$how" = last ]; then continue; fi
            if [ "$how" = group ]; then kill -s "$sig" -- "-$pid" 2>/dev/null; fi
            kill -s "$sig" "$pid" 2>/dev/null
            targets="$targets $pid"
          done < "$list"
        }
        wait_for_targets() {
          i=0
          while [ $i -lt 600 ]; do
            left=""
            for p in $targets; do alive "$p" && left="$left $p"; done
            [ -z "$left" ] && return 0
            sleep 0.1
            i=$((i+1))
          done
          for p in $targets; do kill -s KILL "$p" 2>/dev/null; done
        }
        signal_pass first
        beam=$(cat "$beam_pid_file" 2>/dev/null)
        if [ -n "$beam" ]; then
          kill -s "$beam_signal" "$beam" 2>/dev/null
          targets="$targets $beam"
        fi
        wait_for_targets
        signal_pass last
        wait_for_targets
        while read -r pid sig how; do
          if [ "$how" = group ]; then kill -s KILL -- "-$pid" 2>/dev/null; fi
        done < "$list"
        if [ -n "$folder" ]; then rm -rf "$folder"; fi
        """;

    // Runs the script in the background with the pipe as its stdin and prints its pid.
    private const string Launcher = "exec 3<&0; setsid /bin/sh -c \"$0\" watchdog \"$@\" <&3 3<&- >/dev/null 2>&1 & echo $!";

    private readonly Process _launcher;
    private readonly Lock _gate = new();
    private bool _finished;

    private Watchdog(Process launcher, int processId, string trackingFile)
    {
        _launcher = launcher;
        ProcessId = processId;
        TrackingFile = trackingFile;
    }

    public int ProcessId { get; }

    /// <summary>Lists "pid signal scope" per line; <see cref="ServerProcess"/> appends to it before each server runs.</summary>
    public string TrackingFile { get; }

    /// <param name="trackingFile">Where <see cref="Track"/> lists the processes to stop.</param>
    /// <param name="beamPidFile">RabbitMQ's pid file: the Erlang VM's pid is known only once it has started.</param>
    /// <param name="beamSignal">How to stop the Erlang VM.</param>
    /// <param name="folderToDelete">The data folder to delete afterwards, or null to keep it.</param>
    public static Watchdog Start(string trackingFile, string beamPidFile, Signal beamSignal, string? folderToDelete)
    {
        var startInfo = new ProcessStartInfo("/bin/sh")
        {
            UseShellExecute = false,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
        };
        foreach (var argument in new[] { "-c", Launcher, Script, trackingFile, beamPidFile, beamSignal.ShellName(), folderToDelete ?? "" })
        {
            startInfo.ArgumentList.Add(argument);
        }

        var launcher = Process.Start(startInfo) ?? throw new ProvisioningException("Could not start the watchdog.");
        var pidLine = launcher.StandardOutput.ReadLine();
        launcher.WaitForExit();
        if (!int.TryParse(pidLine, NumberStyles.None, CultureInfo.InvariantCulture, out var pid))
        {
            launcher.Dispose();
            throw new ProvisioningException($"The watchdog did not start (it printed '{pidLine}').");
        }

        return new Watchdog(launcher, pid, trackingFile);
    }

    /// <summary>Adds a process for the watchdog to stop, with the signal that stops it properly.</summary>
    public void Track(int pid, Signal signal, Stopping stopping = Stopping.Process)
    {
        lock (_gate)
        {
            File.AppendAllText(TrackingFile, string.Create(CultureInfo.InvariantCulture, $"{pid} {signal.ShellName()} {stopping.ShellName()}\n"));
        }
    }

    /// <summary>Forgets processes that ended (a server stopped to be started again), so their pids, once reused, are never signalled.</summary>
    public void Untrack(IEnumerable<int> pids)
    {
        var ended = pids.Select(pid => pid.ToString(CultureInfo.InvariantCulture) + " ").ToList();
        lock (_gate)
        {
            var kept = File.ReadAllLines(TrackingFile).Where(line => !ended.Any(line.StartsWith));
            File.WriteAllLines(TrackingFile, kept);
        }
    }

    /// <summary>
    /// Tells the watchdog we stopped everything ourselves; it deletes its folder if
    /// <paramref name="deleteFolder"/>, and exits. Waits for it to finish.
    /// </summary>
    public void Finish(bool deleteFolder)
    {
        lock (_gate)
        {
            if (_finished)
            {
                return;
            }

            _finished = true;
            try
            {
                _launcher.StandardInput.WriteLine(deleteFolder ? "delete" : "disarm");
                _launcher.StandardInput.Close();
            }
            catch (IOException)
            {
                // The watchdog is already gone.
            }
        }

        ProcessTable.WaitUntilGone([ProcessId], TimeSpan.FromSeconds(60));
    }

    /// <summary>Disposing without <see cref="Finish"/> closes the pipe: the watchdog then stops everything.</summary>
    public void Dispose() => _launcher.Dispose();
}
