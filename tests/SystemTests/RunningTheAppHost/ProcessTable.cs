namespace TokenOptimizer.SystemTests.RunningTheAppHost;

/// <summary>This machine's processes, read from <c>/proc</c>: which of them a run of the app host started.</summary>
internal static class ProcessTable
{
    /// <summary>Processes whose environment or command line holds <paramref name="text"/> (an environment is readable as root or as its owner).</summary>
    public static IReadOnlyList<int> Holding(string text) =>
        Directory.EnumerateDirectories("/proc")
            .Select(folder => int.TryParse(Path.GetFileName(folder), out var pid) ? pid : 0)
            .Where(pid => pid > 0 && pid != Environment.ProcessId && (Read(pid, "environ").Contains(text, StringComparison.Ordinal) || Read(pid, "cmdline").Contains(text, StringComparison.Ordinal)))
            .ToList();

    /// <summary>A process's command line, split into its arguments.</summary>
    public static string[] Arguments(int pid) => Read(pid, "cmdline").Split('\0', StringSplitOptions.RemoveEmptyEntries);

    /// <summary>What each of <paramref name="pids"/> that still runs is, for a failure message.</summary>
    public static string Describe(IEnumerable<int> pids) =>
        string.Join('\n', pids.Select(pid => $"{pid}: {Read(pid, "cmdline").Replace('\0', ' ')}").Where(line => !line.EndsWith(": ", StringComparison.Ordinal)));

    private static string Read(int pid, string file)
    {
        try
        {
            return File.ReadAllText($"/proc/{pid}/{file}");
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            return ""; // gone meanwhile, or not ours to read
        }
    }
}
