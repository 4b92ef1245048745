using System.Globalization;

namespace TokenOptimizer.AppHost;

/// <summary>
/// The app host's own command line: <c>dotnet run --project AppHost [-- --demo] [--containers | --local] [--replicas N]
/// [--data DIR] [--demo-rate N] [--demo-days N]</c>. Everything else (<c>--publisher manifest --output-path DIR</c>) is
/// Aspire's and passed on to it.
/// </summary>
internal sealed record AppHostOptions(
    bool Demo, InfrastructureChoice Infrastructure, int AggregationReplicas, string DataFolder, double DemoPeakPerSecond, int DemoBackfillDays,
    string[] AspireArguments)
{
    private static readonly string[] Flags = ["--demo", "--containers", "--local"];
    private static readonly string[] Valued = ["--replicas", "--data", "--demo-rate", "--demo-days"];

    public static AppHostOptions Parse(string[] args)
    {
        var infrastructure = args.Contains("--containers") ? InfrastructureChoice.Containers
            : args.Contains("--local") ? InfrastructureChoice.LocalProcesses
            : InfrastructureChoice.Detect;
        var rest = new List<string>();
        for (var i = 0; i < args.Length; i++)
        {
            if (Valued.Contains(args[i]))
            {
                i++;
            }
            else if (!Flags.Contains(args[i]))
            {
                rest.Add(args[i]);
            }
        }

        return new AppHostOptions(
            args.Contains("--demo"),
            infrastructure,
            Math.Max(1, Number(args, "--replicas", 1)),
            Path.GetFullPath(ValueOf(args, "--data") ?? Path.Combine(Path.GetTempPath(), "tokenoptimizer-apphost")),
            Number(args, "--demo-rate", 20.0),
            Number(args, "--demo-days", 7),
            [.. rest]);
    }

    private static T Number<T>(string[] args, string name, T fallback) where T : IParsable<T> =>
        T.TryParse(ValueOf(args, name), CultureInfo.InvariantCulture, out var value) ? value : fallback;

    private static string? ValueOf(string[] args, string name)
    {
        var index = Array.IndexOf(args, name);
        return index >= 0 && index + 1 < args.Length ? args[index + 1] : null;
    }
}

/// <summary>Where PostgreSQL and RabbitMQ run.</summary>
internal enum InfrastructureChoice
{
    /// <summary>Containers when a Docker engine answers, local processes otherwise.</summary>
    Detect,

    /// <summary>Debian's packages as processes of the app host (<c>--local</c>).</summary>
    LocalProcesses,

    /// <summary>Containers from the locally built images (<c>--containers</c>).</summary>
    Containers,
}
