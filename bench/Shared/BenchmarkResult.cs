using System.Globalization;
using System.Text.Json;

namespace TokenOptimizer.Bench;

/// <summary>
/// Writes bench/results/&lt;name&gt;.json: metric → number, plus the machine it ran on, how busy that machine
/// was (the 1-minute load average: on 2 cores, anything well above 2 means the figures are depressed),
/// and the date. Compiled into every benchmark (see Shared.props).
/// </summary>
internal static class BenchmarkResult
{
    public static async Task WriteAsync(string name, IReadOnlyDictionary<string, double> metrics)
    {
        var document = metrics.ToDictionary(m => m.Key, m => (object)m.Value);
        if (LoadAverage() is { } load)
        {
            document["load_average_1m"] = load;
        }

        var memoryGiB = GC.GetGCMemoryInfo().TotalAvailableMemoryBytes / (1024.0 * 1024 * 1024);
        document["machine"] = string.Create(CultureInfo.InvariantCulture, $"{Environment.ProcessorCount} cores, {memoryGiB:0.#} GiB");
        document["date"] = DateTimeOffset.UtcNow.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture);
        var path = Path.Combine(RepositoryRoot(), "bench", "results", name + ".json");
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        await File.WriteAllTextAsync(path, JsonSerializer.Serialize(document, new JsonSerializerOptions { WriteIndented = true }) + "\n");
        Console.WriteLine($"Wrote {path}");
    }

    private static double? LoadAverage() =>
        File.Exists("/proc/loadavg")
            ? double.Parse(File.ReadAllText("/proc/loadavg").Split(' ')[0], CultureInfo.InvariantCulture)
            : null;

    private static string RepositoryRoot()
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            if (File.Exists(Path.Combine(folder.FullName, "TokenOptimizer.sln")))
            {
                return folder.FullName;
            }
        }

        throw new InvalidOperationException("Cannot find TokenOptimizer.sln above " + AppContext.BaseDirectory);
    }
}
