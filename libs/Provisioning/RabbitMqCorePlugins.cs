using System.Text.RegularExpressions;

namespace TokenOptimizer.Provisioning;

/// <summary>
/// A plugins folder with only the broker and the applications it needs (symlinks into the package).
/// At boot RabbitMQ loads every module of every application on its path to look for upgrade steps and
/// feature flags; leaving out the ~50 optional plugins (management, MQTT, STOMP, federation…) saves
/// seconds on every start.
/// </summary>
public static partial class RabbitMqCorePlugins
{
    private const string RootApplication = "rabbit";

    /// <summary>Fills <paramref name="target"/> and returns it, or returns <paramref name="packagePlugins"/> if the package layout is unexpected.</summary>
    public static string Prepare(string packagePlugins, string target)
    {
        var available = Directory.EnumerateDirectories(packagePlugins)
            .Select(dir => (dir, name: ApplicationName(Path.GetFileName(dir))))
            .Where(x => x.name is not null)
            .GroupBy(x => x.name!, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.OrderBy(x => x.dir, StringComparer.Ordinal).Last().dir, StringComparer.Ordinal);

        var needed = new Dictionary<string, string>(StringComparer.Ordinal);
        var pending = new Stack<string>([RootApplication]);
        while (pending.TryPop(out var application))
        {
            // Applications of Erlang/OTP itself (kernel, ssl…) are not in the folder, and need not be.
            if (needed.ContainsKey(application) || !available.TryGetValue(application, out var dir))
            {
                continue;
            }

            needed[application] = dir;
            var appFile = Path.Combine(dir, "ebin", $"{application}.app");
            if (!File.Exists(appFile))
            {
                return packagePlugins;
            }

            foreach (var dependency in Dependencies(File.ReadAllText(appFile)))
            {
                pending.Push(dependency);
            }
        }

        if (!needed.ContainsKey(RootApplication))
        {
            return packagePlugins;
        }

        if (Directory.Exists(target))
        {
            Directory.Delete(target, recursive: true);
        }

        Directory.CreateDirectory(target);
        foreach (var dir in needed.Values)
        {
            File.CreateSymbolicLink(Path.Combine(target, Path.GetFileName(dir)), dir);
        }

        return target;
    }

    // "rabbit_common-3.10.8" → "rabbit_common"; files such as README → null.
    private static string? ApplicationName(string folderName)
    {
        var match = VersionedFolder().Match(folderName);
        return match.Success ? match.Groups[1].Value : null;
    }

    private static IEnumerable<string> Dependencies(string appFile)
    {
        var match = ApplicationsList().Match(appFile);
        return match.Success
            ? match.Groups[1].Value.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            : [];
    }

    [GeneratedRegex(@"^([a-z][a-z0-9_]*)-\d")]
    private static partial Regex VersionedFolder();

    [GeneratedRegex(@"\{\s*applications\s*,\s*\[([^\]]*)\]", RegexOptions.Singleline)]
    private static partial Regex ApplicationsList();
}
