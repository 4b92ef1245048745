using System.Diagnostics;
using System.Text.Json;
using TokenOptimizer.Testing;
using TokenOptimizer.UsageLog;

namespace TokenOptimizer.Bench.FaultSuite;

/// <summary>Compares what a case sent with what every surface shows: the log and rollups, and through Query (<see cref="SurfacesAgainstSent"/>) the rollups, user rollups and the CSV export.</summary>
internal static class Reconciliation
{
    private static readonly string[] ReadModels = ["usage_rollups", "usage_log"];

    public static async Task<CaseOutcome> CompareAsync(string name, FaultSystem system, CaseRun run, Stopwatch elapsed)
    {
        var sent = run.Sent;
        // Waiting for the last record is how long a slow recovery may take; a lost one makes this wait in vain.
        try
        {
            await Eventually.UntilAsync(async () => await SentAndStored.CountStoredAsync(system.DataSource, sent) >= sent.DistinctBy(r => r.RequestId).Count(),
                TimeSpan.FromMinutes(3), "every sent record stored");
            await ProjectionsCaughtUp.WaitAsync(system.DataSource, ReadModels, TimeSpan.FromMinutes(2));
        }
        catch (TimeoutException exception)
        {
            Console.WriteLine($"  {name}: {exception.Message}");
        }

        var stored = await SentAndStored.CompareAsync(system.DataSource, sent);
        var surfaces = await SurfacesAgainstSent.ReadAsync(system.Query, system.AdminKey, sent);
        if (surfaces.Mismatches.Count > 0)
        {
            Console.WriteLine($"  {name}: {surfaces}");
        }

        var deadLetters = await ScalarAsync(system, $"SELECT count(*) FROM {EventStoreTables.DeadLetters}");
        var faulted = (await JsonAsync(system.Ingestion, "/v1/admin/faulted-messages"))?.GetProperty("total").GetInt64() ?? -1;
        if (stored.RollupMismatch is { } mismatch)
        {
            Console.WriteLine($"  {name}: {mismatch}");
        }

        return new CaseOutcome(name, stored.Sent, stored.Stored, stored.Lost, stored.Doubled, stored.RollupMismatch is null, surfaces.RollupsMatch, surfaces.RequestLogMatches,
            deadLetters, faulted, run.Failure, elapsed.Elapsed.TotalSeconds);
    }

    private static async Task<long> ScalarAsync(FaultSystem system, string sql)
    {
        await using var command = system.DataSource.CreateCommand(sql);
        return (long)(await command.ExecuteScalarAsync())!;
    }

    private static async Task<JsonElement?> JsonAsync(HttpClient client, string path)
    {
        try
        {
            return JsonDocument.Parse(await client.GetStringAsync(new Uri(path, UriKind.Relative))).RootElement.Clone();
        }
        catch (HttpRequestException)
        {
            return null;
        }
    }
}
