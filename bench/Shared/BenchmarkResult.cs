using System.Globalization;
using System.Text.Json;
using TokenOptimizer.Provisioning.Services;

namespace TokenOptimizer.Bench;

/// <summary>
/// Writes bench/results/&lt;name&gt;.json: metric → number, plus the machine it ran on, how busy that machine
/// was before the run (the 1-minute load average: on 2 cores, well above 2 means other work depressed the figures),
/// and the date. Compiled into every benchmark (see Shared.props).
/// </summary>
internal static class BenchmarkResult
{
    // Read as the benchmark starts: at the end the benchmark's own servers would be measured too.
    private static double? _loadBeforeRun;

    [System.Runtime.CompilerServices.ModuleInitializer]
    internal static void NoteLoadBeforeRun() => _loadBeforeRun = LoadAverage();

    public static async Task WriteAsync(string name, IReadOnlyDictionary<string, double> metrics)
    {
        var document = metrics.ToDictionary(m => m.Key, m => (object)m.Value);
        if (_loadBeforeRun is { } load)
        {
            document["load_average_1m_before_run"] = load;
        }

        var memoryGiB = GC.GetGCMemoryInfo().TotalAvailableMemoryBytes / (1024.0 * 1024 * 1024);
        document["machine"] = string.Create(CultureInfo.InvariantCulture, $"{Environment.ProcessorCount} cores, {memoryGiB:0.#} GiB");
        document["date"] = DateTimeOffset.UtcNow.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture);
        var path = Path.Combine(DotnetService.RepositoryRoot(), "bench", "results", name + ".json");
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        await File.WriteAllTextAsync(path, JsonSerializer.Serialize(document, new JsonSerializerOptions { WriteIndented = true }) + "\n");
        Console.WriteLine($"Wrote {path}");
    }

    /// <summary>The 1-minute load average now, where the OS tells it.</summary>
    public static double? LoadAverage() =>
        File.Exists("/proc/loadavg")
            ? double.Parse(File.ReadAllText("/proc/loadavg").Split(' ')[0], CultureInfo.InvariantCulture)
            : null;
}
