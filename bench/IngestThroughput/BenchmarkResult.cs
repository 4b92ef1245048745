using System.Globalization;
using System.Text.Json;
using TokenOptimizer.Provisioning.Services;

namespace TokenOptimizer.Bench.IngestThroughput;

/// <summary>Writes bench/results/&lt;name&gt;.json: metric → number, plus the machine it ran on and the date.</summary>
internal static class BenchmarkResult
{
    public static async Task WriteAsync(string name, IReadOnlyDictionary<string, double> metrics)
    {
        var memoryGiB = GC.GetGCMemoryInfo().TotalAvailableMemoryBytes / (1024.0 * 1024 * 1024);
        var document = new Dictionary<string, object>();
        foreach (var (metric, value) in metrics)
        {
            document[metric] = value;
        }

        document["machine"] = string.Create(CultureInfo.InvariantCulture, $"{Environment.ProcessorCount} cores, {memoryGiB:0.#} GiB");
        document["date"] = DateTimeOffset.UtcNow.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture);
        var path = Path.Combine(DotnetService.RepositoryRoot(), "bench", "results", name + ".json");
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        await File.WriteAllTextAsync(path, JsonSerializer.Serialize(document, new JsonSerializerOptions { WriteIndented = true }) + "\n");
        Console.WriteLine($"Wrote {path}");
    }
}
