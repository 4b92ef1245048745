namespace TokenOptimizer.Provisioning.Tests;

/// <summary>What /proc says is still running of an instance.</summary>
internal static class OurProcesses
{
    /// <summary>The instance's processes and all their descendants, taken while it runs.</summary>
    public static IReadOnlyList<int> Snapshot(LocalInfrastructure infrastructure) =>
        [.. infrastructure.ProcessIds, .. ProcessTable.Descendants(infrastructure.ProcessIds)];

    /// <summary>Processes still alive from <paramref name="pids"/>, and any whose command line names <paramref name="folder"/>.</summary>
    public static IReadOnlyList<string> StillRunning(IEnumerable<int> pids, string folder) =>
    [
        .. pids.Where(ProcessTable.IsAlive).Select(pid => $"{pid}: {ProcessTable.CommandLine(pid)}"),
        .. ProcessTable.AllProcessIds()
            .Where(pid => ProcessTable.IsAlive(pid) && (ProcessTable.CommandLine(pid)?.Contains(folder, StringComparison.Ordinal) ?? false))
            .Select(pid => $"{pid}: {ProcessTable.CommandLine(pid)}"),
    ];
}
