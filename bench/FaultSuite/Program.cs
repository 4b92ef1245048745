using System.Diagnostics;
using System.Globalization;
using System.Text;
using TokenOptimizer.Bench;
using TokenOptimizer.Bench.FaultSuite;
using TokenOptimizer.Provisioning;
using TokenOptimizer.Provisioning.Services;

// The fault suite (issue #15, item 8): every row of the issue's table, kill -9 of Ingestion and Aggregation, a RabbitMQ
// restart and a PostgreSQL restart, each under traffic on a fresh database and virtual host with the four services
// as processes. For each case: records sent, stored, lost and doubled, and whether the rollups, GraphQL and the CSV
// export equal the sender's totals to the cent. Too slow for CI (about 20 minutes): run it by hand.
// Run: dotnet run -c Release --project bench/FaultSuite [-- CASE …]   (no case: all of them)
(string Name, string What, Func<FaultSystem, Task<CaseRun>> Run)[] cases =
[
    ("latency_1e300", "4 records with latencyMs 1e300", TableRows.Latency1e300),
    ("token_counts_long_max", "inputTokens = outputTokens = 2^63-1", TableRows.TokenCountsAtLongMax),
    ("cache_parts_overflow", "inputTokens 0, cached = cache-write = 2^63-1", TableRows.CachePartsOverflow),
    ("nul_in_feature_http", "a NUL in feature, over HTTP", TableRows.NulInFeatureOverHttp),
    ("nul_in_feature_bus", "a NUL in feature, one of 100 bus messages", TableRows.NulInFeatureOnTheBus),
    ("graphql_fragment_chain", "1.3 KB GraphQL: 32 fragments each spreading the next twice", TableRows.GraphQLFragmentChain),
    ("body_40mb", "a 40 MB body to POST /v1/usage", TableRows.FortyMegabyteBody),
    ("postgres_down_20s_bus", "PostgreSQL down 20 s under bus traffic", TableRows.PostgresDown20sOnTheBus),
    ("same_request_id_two_teams", "the same requestId from two teams", TableRows.SameRequestIdTwoTeams),
    ("unpriced_twice_in_batch", "an unpriced record twice in one batch", TableRows.UnpricedTwiceInABatch),
    ("kill9_ingestion", "kill -9 of Ingestion under HTTP traffic", KillsAndRestarts.KillIngestion),
    ("kill9_aggregation", "kill -9 of Aggregation under bus traffic", KillsAndRestarts.KillAggregation),
    ("rabbitmq_restart", "RabbitMQ restarted under bus traffic", KillsAndRestarts.RestartRabbitMq),
    ("postgres_restart", "PostgreSQL restarted under bus traffic", KillsAndRestarts.RestartPostgres),
];
var chosen = args.Length == 0 ? cases : cases.Where(c => args.Contains(c.Name)).ToArray();
if (chosen.Length == 0)
{
    Console.Error.WriteLine($"No such case. Cases: {string.Join(", ", cases.Select(c => c.Name))}");
    return 1;
}

var logs = Path.Combine(Path.GetTempPath(), "tokenoptimizer-fault-suite", DateTime.UtcNow.ToString("yyyyMMdd-HHmmss", CultureInfo.InvariantCulture));
Console.WriteLine($"Provisioning PostgreSQL and RabbitMQ (service logs in {logs})");
await using var servers = await LocalInfrastructure.StartAsync(new LocalInfrastructureOptions());
var outcomes = new List<(CaseOutcome Outcome, string What)>();
foreach (var (name, what, run) in chosen)
{
    Console.WriteLine($"{name}: {what}");
    var clock = Stopwatch.StartNew();
    await using var system = await FaultSystem.StartAsync(servers, name, logs);
    CaseRun result;
    try
    {
        result = await run(system);
    }
    catch (Exception exception) when (exception is not OutOfMemoryException)
    {
        result = new CaseRun([], $"the case threw {exception.GetType().Name}: {exception.Message}");
    }

    CaseOutcome outcome;
    try
    {
        outcome = await Reconciliation.CompareAsync(name, system, result, clock);
    }
    catch (Exception exception) when (exception is not OutOfMemoryException)
    {
        outcome = new CaseOutcome(name, 0, 0, 0, 0, false, false, false, 0, 0, $"comparing threw {exception.GetType().Name}: {exception.Message}", clock.Elapsed.TotalSeconds);
    }

    Console.WriteLine($"  {(outcome.Passed ? "PASSED" : "FAILED")}: sent {outcome.Sent}, stored {outcome.Stored}, lost {outcome.Lost}, doubled {outcome.Doubled}" +
                      $"{(outcome.Failure is null ? "" : "; " + outcome.Failure)}");
    outcomes.Add((outcome, what));
}

var metrics = outcomes.SelectMany(o => o.Outcome.Metrics()).ToDictionary(m => m.Key, m => m.Value);
metrics["cases_total"] = outcomes.Count;
metrics["cases_passed"] = outcomes.Count(o => o.Outcome.Passed);
await BenchmarkResult.WriteAsync("fault-suite", metrics);

var table = new StringBuilder("# Fault suite\n\n")
    .AppendLine(CultureInfo.InvariantCulture, $"{DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC, load average at the end {BenchmarkResult.LoadAverage()?.ToString("0.0", CultureInfo.InvariantCulture) ?? "?"}: {metrics["cases_passed"]} of {outcomes.Count} cases passed.\n")
    .AppendLine("| case | what was sent | sent | stored | lost | doubled | rollups | GraphQL | CSV | dead letters | parked | result |")
    .AppendLine("| --- | --- | ---: | ---: | ---: | ---: | --- | --- | --- | ---: | ---: | --- |");
foreach (var (o, what) in outcomes)
{
    table.AppendLine(CultureInfo.InvariantCulture,
        $"| {o.Case} | {what} | {o.Sent} | {o.Stored} | {o.Lost} | {o.Doubled} | {Equal(o.RollupsMatch)} | {Equal(o.GraphQLMatch)} | {Equal(o.CsvMatch)} | {o.DeadLetters} | {o.FaultedMessages} | {(o.Passed ? "passed" : "FAILED" + (o.Failure is null ? "" : ": " + o.Failure.Replace('|', '/')))} |");
}

var markdown = Path.Combine(DotnetService.RepositoryRoot(), "bench", "results", "fault-suite.md");
await File.WriteAllTextAsync(markdown, table.ToString());
Console.WriteLine(table);
return outcomes.All(o => o.Outcome.Passed) ? 0 : 2;

static string Equal(bool match) => match ? "equal" : "DIFFER";
