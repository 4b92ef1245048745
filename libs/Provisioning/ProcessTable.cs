using System.Globalization;
using System.Runtime.InteropServices;

namespace TokenOptimizer.Provisioning;

/// <summary>
/// What Linux's /proc says about processes, and sending them signals. .NET can only SIGKILL a process;
/// servers need the gentler signals (PostgreSQL's fast and immediate shutdowns, RabbitMQ's SIGTERM).
/// </summary>
internal static class ProcessTable
{
    [DllImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static extern int SysKill(int pid, int signal);

    /// <summary>Sends a signal; a process that is already gone is not an error.</summary>
    public static void Send(int pid, Signal signal)
    {
        if (pid > 0)
        {
            _ = SysKill(pid, (int)signal);
        }
    }

    /// <summary>Sends a signal to every process in a process group; an empty group is not an error.</summary>
    public static void SendToGroup(int processGroup, Signal signal)
    {
        if (processGroup > 1)
        {
            _ = SysKill(-processGroup, (int)signal);
        }
    }

    /// <summary>True while the process runs. A zombie has finished: only its exit status is left to reap.</summary>
    public static bool IsAlive(int pid) => State(pid) is { } state && state != 'Z' && state != 'X';

    /// <summary>Every live descendant of the given processes, found by walking parent ids.</summary>
    public static IReadOnlyList<int> Descendants(IEnumerable<int> roots)
    {
        var children = new Dictionary<int, List<int>>();
        foreach (var pid in AllProcessIds())
        {
            if (ParentOf(pid) is { } parent)
            {
                if (!children.TryGetValue(parent, out var list))
                {
                    children[parent] = list = [];
                }

                list.Add(pid);
            }
        }

        var found = new List<int>();
        var pending = new Stack<int>(roots);
        while (pending.TryPop(out var pid))
        {
            foreach (var child in children.GetValueOrDefault(pid) ?? [])
            {
                if (!found.Contains(child))
                {
                    found.Add(child);
                    pending.Push(child);
                }
            }
        }

        return found;
    }

    /// <summary>The process's command line with arguments separated by spaces, or null when it is gone.</summary>
    public static string? CommandLine(int pid)
    {
        try
        {
            return File.ReadAllText($"/proc/{pid}/cmdline").Replace('\0', ' ').TrimEnd();
        }
        catch (IOException)
        {
            return null;
        }
        catch (UnauthorizedAccessException)
        {
            return null;
        }
    }

    /// <summary>Ids of every process on the machine.</summary>
    public static IEnumerable<int> AllProcessIds()
    {
        foreach (var directory in Directory.EnumerateDirectories("/proc"))
        {
            if (int.TryParse(Path.GetFileName(directory), NumberStyles.None, CultureInfo.InvariantCulture, out var pid))
            {
                yield return pid;
            }
        }
    }

    /// <summary>Waits until none of the processes is alive; false if some still are at the deadline.</summary>
    public static bool WaitUntilGone(IEnumerable<int> pids, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        var remaining = pids.ToList();
        while (true)
        {
            remaining.RemoveAll(pid => !IsAlive(pid));
            if (remaining.Count == 0)
            {
                return true;
            }

            if (DateTime.UtcNow >= deadline)
            {
                return false;
            }

            // Polling: Linux offers no way to wait for a process that is not our child.
            Thread.Sleep(20);
        }
    }

    private static char? State(int pid) => StatFields(pid) is { } fields ? fields[0][0] : null;

    private static int? ParentOf(int pid) =>
        StatFields(pid) is { Length: > 1 } fields
        && int.TryParse(fields[1], NumberStyles.None, CultureInfo.InvariantCulture, out var parent)
            ? parent
            : null;

    // The fields after "pid (comm)"; comm may itself contain spaces and parentheses.
    private static string[]? StatFields(int pid)
    {
        string stat;
        try
        {
            stat = File.ReadAllText($"/proc/{pid}/stat");
        }
        catch (IOException)
        {
            return null;
        }
        catch (UnauthorizedAccessException)
        {
            return null;
        }

        var end = stat.LastIndexOf(')');
        return end < 0 ? null : stat[(end + 1)..].Split(' ', StringSplitOptions.RemoveEmptyEntries);
    }
}
