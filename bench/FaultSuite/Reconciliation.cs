using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using TokenOptimizer.Contracts;
using TokenOptimizer.Testing;

namespace TokenOptimizer.Bench.FaultSuite;

/// <summary>Compares what a case sent with what every surface shows: the log and rollups, GraphQL's overview, the CSV export.</summary>
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
        var cost = await SentAndStored.StoredCostAsync(system.DataSource);
        var graphQL = await GraphQLMatchesAsync(system, sent.Count, cost);
        var csv = await CsvMatchesAsync(system, sent.Count, cost);
        var deadLetters = await ScalarAsync(system, "SELECT count(*) FROM projection_errors");
        var faulted = (await JsonAsync(system.Ingestion, "/v1/admin/faulted-messages"))?.GetProperty("total").GetInt64() ?? -1;
        if (stored.RollupMismatch is { } mismatch)
        {
            Console.WriteLine($"  {name}: {mismatch}");
        }

        return new CaseOutcome(name, stored.Sent, stored.Stored, stored.Lost, stored.Doubled, stored.RollupMismatch is null, graphQL, csv,
            deadLetters, faulted, run.Failure, elapsed.Elapsed.TotalSeconds);
    }

    private static async Task<bool> GraphQLMatchesAsync(FaultSystem system, int sent, decimal cost)
    {
        var (status, body) = await system.Query.GraphQLAsync(system.AdminKey, "{ overview(filter: {range: LAST_24_HOURS}) { requests totalCostUsd } }");
        if (status != 200 || body.TryGetProperty("errors", out _))
        {
            return false;
        }

        var overview = body.GetProperty("data").GetProperty("overview");
        return overview.GetProperty("requests").GetInt64() == sent
               && Cents(decimal.Parse(overview.GetProperty("totalCostUsd").GetString()!, CultureInfo.InvariantCulture)) == Cents(cost);
    }

    private static async Task<bool> CsvMatchesAsync(FaultSystem system, int sent, decimal cost)
    {
        using var response = await system.Query.ExportAsync(system.AdminKey, "/export/usage.csv?range=LAST_24_HOURS");
        if (!response.IsSuccessStatusCode)
        {
            return false;
        }

        var rows = CsvFile.Rows(await response.Content.ReadAsStringAsync());
        var exported = rows.Sum(r => r["cost_usd"].Length == 0 ? 0m : decimal.Parse(r["cost_usd"], CultureInfo.InvariantCulture));
        return rows.Count == sent && Cents(exported) == Cents(cost);
    }

    private static decimal Cents(decimal amount) => Math.Round(amount, 2, MidpointRounding.AwayFromZero);

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
