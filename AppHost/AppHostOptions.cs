namespace TokenOptimizer.AppHost;

/// <summary>The command line: <c>dotnet run --project AppHost [-- --demo] [--data DIR] [--demo-rate N]</c>.</summary>
internal sealed record AppHostOptions(bool Demo, string DataFolder, double DemoPeakPerSecond, int DemoBackfillDays)
{
    public static AppHostOptions Parse(string[] args)
    {
        var demo = args.Contains("--demo");
        var data = ValueOf(args, "--data") ?? Path.Combine(Path.GetTempPath(), "tokenoptimizer-apphost");
        var rate = double.TryParse(ValueOf(args, "--demo-rate"), out var r) ? r : 20;
        var days = int.TryParse(ValueOf(args, "--demo-days"), out var d) ? d : 7;
        return new AppHostOptions(demo, Path.GetFullPath(data), rate, days);
    }

    private static string? ValueOf(string[] args, string name)
    {
        var index = Array.IndexOf(args, name);
        return index >= 0 && index + 1 < args.Length ? args[index + 1] : null;
    }
}
