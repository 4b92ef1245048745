using System.Diagnostics;
using System.Globalization;

namespace TokenOptimizer.Testing.Containers;

/// <summary>
/// Removes this process's containers once the process has ended, however it ends: Testcontainers' own reaper
/// (Ryuk) is an image we cannot pull, and vstest kills a test host ~100 ms after its last test, too soon for any
/// clean-up of ours. Every container we start carries <see cref="OwnerLabel"/> = our pid; a small shell process
/// reads a pipe whose writing end only we hold, so when we end, whichever way, the kernel closes it, the
/// shell sees end-of-file, runs <c>docker rm -f</c> on our containers (about a second) and deletes the folders
/// we shared with them (<see cref="CreateFolder"/>). It runs in a session
/// of its own, so a kill of our process group does not reach it. tools/docker/ensure-docker.sh also removes
/// containers whose owner is gone, should the reaper itself have been killed.
/// </summary>
public static class ContainerReaper
{
    /// <summary>The label naming the process that owns a container.</summary>
    public const string OwnerLabel = "tokenoptimizer.tests.owner";

    private const string Script = """
        cat >/dev/null
        docker ps -aq --filter "label=$1" | xargs -r docker rm -f -v >/dev/null 2>&1
        rm -rf -- "$2"*
        """;

    // Starts the script in the background with the pipe as its stdin (sh would give a background job /dev/null), and returns.
    private const string Launcher = "exec 3<&0; setsid /bin/sh -c \"$0\" reaper \"$@\" <&3 3<&- >/dev/null 2>&1 &";

    private static readonly Lazy<Process> Watching = new(Start);

    /// <summary>This process's id, as <see cref="OwnerLabel"/> carries it.</summary>
    public static string Owner { get; } = Environment.ProcessId.ToString(CultureInfo.InvariantCulture);

    private static string FolderPrefix => $"tokenoptimizer-containers-{Owner}-";

    /// <summary>The labels every container of ours carries; starts the reaper on first use.</summary>
    public static IReadOnlyDictionary<string, string> Labels
    {
        get
        {
            _ = Watching.Value;
            return new Dictionary<string, string> { [OwnerLabel] = Owner };
        }
    }

    /// <summary>A new temporary folder every container user may write to, deleted once the process has ended.</summary>
    public static string CreateFolder()
    {
        _ = Watching.Value;
        var folder = Directory.CreateTempSubdirectory(FolderPrefix).FullName;
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(folder, (UnixFileMode)0b111_111_111); // the container's users are not ours
        }
        return folder;
    }

    private static Process Start()
    {
        var start = new ProcessStartInfo("/bin/sh") { UseShellExecute = false, RedirectStandardInput = true };
        foreach (var argument in new[] { "-c", Launcher, Script, $"{OwnerLabel}={Owner}", Path.Combine(Path.GetTempPath(), FolderPrefix) })
        {
            start.ArgumentList.Add(argument);
        }

        // Held for the life of the process: the pipe's writing end must stay open until we end.
        var launcher = Process.Start(start) ?? throw new InvalidOperationException("Could not start the container reaper.");
        launcher.WaitForExit();
        return launcher;
    }
}
