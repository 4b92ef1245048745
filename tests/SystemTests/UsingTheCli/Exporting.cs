using System.Globalization;
using TokenOptimizer.SystemTests.Running;
using TokenOptimizer.Testing;
using Xunit;
using static TokenOptimizer.Testing.ExportRequests;

namespace TokenOptimizer.SystemTests.UsingTheCli;

/// <summary><c>tokenopt export</c>: the Query service's CSV and FOCUS files, to a file or standard output.</summary>
[Collection(InTurnCollection.Name)]
public sealed class Exporting(SharedSystem system)
{
    // Every call of the shared system, but those sent in the last minute by an earlier test.
    private readonly DateTimeOffset From = TestUsage.Minute(DateTimeOffset.UtcNow.AddDays(-4));
    private readonly DateTimeOffset To = TestUsage.Minute(DateTimeOffset.UtcNow.AddMinutes(-1));

    private static string Instant(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    [Fact]
    public async Task Focus_ToAFile_IsTheServicesFile_AndCostsWhatTheCallsCost()
    {
        var records = (await system.RecordsAsync()).Where(r => r.Usage.OccurredAt >= From && r.Usage.OccurredAt < To).ToList();
        var file = Path.Combine(Directory.CreateTempSubdirectory("tokenopt-export-").FullName, "focus.csv");

        var run = await CliRun.InvokeAsync(CliEnvironment.Isolated(system.QueryUrl.ToString(), system.ReadKey),
            "export", "--format", "focus", "--from", Instant(From), "--to", Instant(To), "--output", file);
        using var direct = await system.Query.ExportAsync(system.ReadKey, $"/export/focus.csv?from={Iso(From)}&to={Iso(To)}");

        Assert.True(run.ExitCode == 0, run.Errors);
        Assert.Contains($"Wrote {file}", run.Output, StringComparison.Ordinal);
        var written = await File.ReadAllTextAsync(file);
        Assert.Equal(await direct.Content.ReadAsStringAsync(), written);
        var rows = CsvFile.Rows(written);
        Assert.Equal(records.Where(r => r.Cost.Priced).Sum(r => r.Cost.TotalUsd), rows.Sum(r => decimal.Parse(r["BilledCost"], CultureInfo.InvariantCulture)));
        Assert.Equal(records.Count, rows.Sum(r => long.Parse(r["x_Requests"], CultureInfo.InvariantCulture)));
    }

    [Fact]
    public async Task Csv_ToStandardOutput_HoldsEveryCall()
    {
        var records = (await system.RecordsAsync()).Where(r => r.Usage.OccurredAt >= From && r.Usage.OccurredAt < To).ToList();
        var run = await CliRun.InvokeAsync(CliEnvironment.Isolated(system.QueryUrl.ToString(), system.ReadKey),
            "export", "--format", "csv", "--from", Instant(From), "--to", Instant(To));

        Assert.True(run.ExitCode == 0, run.Errors);
        Assert.Equal("", run.Output);
        var rows = CsvFile.Rows(run.Data);
        Assert.Equal(records.Select(r => r.Usage.RequestId).Order(StringComparer.Ordinal), rows.Select(r => r["request_id"]).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task BadParameterOrOutput_IsRefusedByItsName()
    {
        var environment = CliEnvironment.Isolated(system.QueryUrl.ToString(), system.ReadKey);

        var badFrom = await CliRun.InvokeAsync(environment, "export", "--format", "focus", "--from", "yesterday");
        var badFormat = await CliRun.InvokeAsync(environment, "export", "--format", "xml");
        var unwritable = await CliRun.InvokeAsync(environment, "export", "--output", Path.Combine(Path.GetTempPath(), "no-such-folder-" + Guid.NewGuid().ToString("N"), "usage.csv"));

        Assert.Equal(1, badFrom.ExitCode);
        Assert.Contains("The export was refused: from must be an ISO-8601 date or time", badFrom.Errors, StringComparison.Ordinal);
        Assert.NotEqual(0, badFormat.ExitCode);
        Assert.Contains("xml", badFormat.Errors, StringComparison.Ordinal);
        Assert.Equal(1, unwritable.ExitCode);
        Assert.Contains("no-such-folder-", unwritable.Errors, StringComparison.Ordinal);
    }
}
