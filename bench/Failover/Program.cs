using System.Diagnostics;
using System.Globalization;
using System.Text;
using TokenOptimizer.Bench;
using TokenOptimizer.Bench.Failover;
using TokenOptimizer.Bench.FaultSuite;
using TokenOptimizer.Provisioning;
using TokenOptimizer.Provisioning.Services;
using TokenOptimizer.Testing;

// Failover (issue #16, item 4): two Aggregation instances on one database, producers posting 5,000 records/s over HTTP
// for a fixed time, and at mid-run the instance running the projections killed with SIGKILL. Measures the time until
// the survivor runs every projection it ran and has applied everything appended before the kill, and until the
// survivor's provider health answers for every provider; records lost and doubled on every surface, and whether a
// budget's spend equals the request log's cost; append → visible in Query before, around and after the kill. All through the product's surfaces (GET /v1/projections
// on each instance, /v1/providers/health, /v1/budgets, GraphQL, the CSV export).
// Run: dotnet run -c Release --project bench/Failover [-- SECONDS [RECORDS_PER_SECOND]]   (default 60 s at 5,000/s)
var seconds = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 60;
var rate = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 5_000;
const int Producers = 4; // concurrent senders, so one slow answer does not hold the rate back
const int RecordsPerSend = 250;

var logs = Path.Combine(Path.GetTempPath(), "tokenoptimizer-failover", DateTime.UtcNow.ToString("yyyyMMdd-HHmmss", CultureInfo.InvariantCulture));
Console.WriteLine($"Provisioning PostgreSQL, RabbitMQ, the services and a second Aggregation instance (logs in {logs})");
await using var servers = await LocalInfrastructure.StartAsync(new LocalInfrastructureOptions());
await using var system = await FaultSystem.StartAsync(servers, "failover", logs);
await system.Services.StartAnotherAsync("aggregation", "aggregation-2");
string[] instances = ["aggregation", "aggregation-2"];
using var reader = new HttpClient { Timeout = TimeSpan.FromMinutes(5) }.WithApiKey(system.AdminKey);
var budget = await BudgetSpend.DefineForOrganisationAsync(reader, system.Services.UrlOf("aggregation"), amountUsd: 1_000_000m);

Console.WriteLine($"Sending {rate:N0} records/s over HTTP for {seconds} s; the instance running the projections is killed at {seconds / 2} s");
var run = Stopwatch.StartNew();
var traffic = Enumerable.Range(0, Producers).Select(i => UsageTraffic.Start(system.Producer.SendAsync, rate / Producers, RecordsPerSend, seed: 40 + i)).ToList();
var probe = VisibilityProbe.Start(system.Producer, system.Query, system.AdminKey, run);
await Task.Delay(TimeSpan.FromSeconds(seconds / 2.0)); // a fixed-time load: the kill comes at mid-run, whatever the state

var before = new Dictionary<string, IReadOnlyList<ProjectionStatus>>();
foreach (var instance in instances)
{
    before[instance] = await ProjectionStatus.ReadAsync(reader, system.Services.UrlOf(instance));
}

var doomed = instances.MaxBy(i => before[i].Count(p => p.RunsHere))!;
var survivor = instances.Single(i => i != doomed);
var moving = before[doomed].Where(p => p.RunsHere).ToList();
var survivorUrl = system.Services.UrlOf(survivor);
var healthBefore = (await ProviderCircuit.ReadAsync(reader, survivorUrl)).ToHashSet();
var killedAt = run.Elapsed;
await system.Services.KillAsync(doomed);
Console.WriteLine($"  {killedAt.TotalSeconds:0.0} s: killed {doomed}, which ran {moving.Count} of {before[doomed].Count} projections");

// Polled every 20 ms: each figure is the first poll that saw its condition. Work has moved once the survivor runs the
// killed instance's projections and has applied, through them, everything appended before the kill (grain calls included).
var headAtKill = before.Values.SelectMany(b => b).Max(p => p.Checkpoint + p.Lag);
var sinceKill = Stopwatch.StartNew();
TimeSpan? takenUp = null, moved = null, everyCaughtUp = null, healthAnswers = null;
var circuitsKept = false;
while ((moved is null || everyCaughtUp is null || healthAnswers is null) && sinceKill.Elapsed < TimeSpan.FromMinutes(2))
{
    var now = await ProjectionStatus.ReadAsync(reader, survivorUrl);
    var caughtUpHere = now.Where(p => p.RunsHere && p.Checkpoint >= headAtKill).Select(p => p.Name).ToHashSet();
    if (takenUp is null && moving.All(m => now.Any(p => p.Name == m.Name && p.RunsHere)))
    {
        takenUp = sinceKill.Elapsed;
    }

    if (moved is null && moving.All(m => caughtUpHere.Contains(m.Name)))
    {
        moved = sinceKill.Elapsed;
    }

    if (everyCaughtUp is null && now.All(p => caughtUpHere.Contains(p.Name)))
    {
        everyCaughtUp = sinceKill.Elapsed;
    }

    if (healthAnswers is null && (await ProviderCircuit.ReadAsync(reader, survivorUrl)).ToHashSet() is var health
        && health.Select(h => h.Provider).ToHashSet().SetEquals(healthBefore.Select(h => h.Provider)))
    {
        healthAnswers = sinceKill.Elapsed;
        circuitsKept = health.SetEquals(healthBefore);
    }

    await Task.Delay(TimeSpan.FromMilliseconds(20));
}

Console.WriteLine($"  projections taken up in {Seconds(takenUp)} s; work moved (applied through the kill) in {Seconds(moved)} s; every projection through the kill in {Seconds(everyCaughtUp)} s; " +
                  $"provider health answered for every provider in {Seconds(healthAnswers)} s (circuits as before: {circuitsKept})");
var rest = TimeSpan.FromSeconds(seconds) - run.Elapsed;
if (rest > TimeSpan.Zero)
{
    await Task.Delay(rest);
}

var sent = new List<TokenOptimizer.Contracts.UsageRecorded>();
foreach (var producer in traffic)
{
    sent.AddRange(await producer.StopAsync());
}

var sendingSeconds = run.Elapsed.TotalSeconds;
sent.AddRange(await probe.StopAsync());
Console.WriteLine($"  sent {sent.Count:N0} records ({sent.Count / sendingSeconds:N0}/s, {traffic.Sum(t => t.FailedSends)} sends retried); waiting for the survivor to apply them");
var caughtUp = Stopwatch.StartNew();
await Eventually.UntilAsync(async () => (await ProjectionStatus.ReadAsync(reader, survivorUrl)).All(p => p.Lag == 0), TimeSpan.FromMinutes(5), "the survivor should apply everything");
var caughtUpSeconds = caughtUp.Elapsed.TotalSeconds;
using var query = new HttpClient { BaseAddress = system.Services.UrlOf("query"), Timeout = TimeSpan.FromMinutes(5) };
var surfaces = await SurfacesAgainstSent.ReadAsync(query, system.AdminKey, sent);
var budgetAfter = await BudgetSpend.ReadAsync(reader, survivorUrl, budget);
var budgetKept = Math.Round(budgetAfter.SpentUsd, 2) == Math.Round(surfaces.LoggedCostUsd(budgetAfter.PeriodStart, budgetAfter.PeriodEnd), 2);
Console.WriteLine($"  {surfaces}; the budget's spend {(budgetKept ? "equals" : "DIFFERS from")} the request log's cost");

var samples = probe.Samples;
var movedBy = killedAt + (moved ?? TimeSpan.FromMinutes(2));
// Before: committed in the 10 s before the kill and seen before it (the start warms up). Around: waiting while the work moved. After: committed 5 s after it moved.
var steady = samples.Where(s => s.CommittedAt > killedAt - TimeSpan.FromSeconds(10) && s.CommittedAt.TotalMilliseconds + s.Milliseconds < killedAt.TotalMilliseconds)
    .Select(s => s.Milliseconds).ToList();
var around = samples.Where(s => s.CommittedAt <= movedBy && s.CommittedAt.TotalMilliseconds + s.Milliseconds >= killedAt.TotalMilliseconds).Select(s => s.Milliseconds).ToList();
var after = samples.Where(s => s.CommittedAt > movedBy + TimeSpan.FromSeconds(5)).Select(s => s.Milliseconds).ToList();
var metrics = new Dictionary<string, double>
{
    ["records_per_second_target"] = rate,
    ["records_per_second_sent"] = Math.Round(sent.Count / sendingSeconds),
    ["run_seconds"] = seconds,
    ["killed_at_seconds"] = Math.Round(killedAt.TotalSeconds, 1),
    ["projections_moved"] = moving.Count,
    ["projections_total"] = before[doomed].Count,
    ["projections_taken_up_seconds"] = Seconds(takenUp),
    ["work_moved_seconds"] = Seconds(moved),
    ["every_projection_through_kill_seconds"] = Seconds(everyCaughtUp),
    ["provider_health_answers_seconds"] = Seconds(healthAnswers),
    ["provider_circuits_as_before_kill"] = circuitsKept ? 1 : 0,
    ["records_sent"] = surfaces.Sent,
    ["records_lost"] = surfaces.Lost,
    ["records_doubled"] = surfaces.Doubled,
    ["surfaces_equal_sent"] = surfaces.Mismatches.Count == 0 ? 1 : 0,
    ["budget_spend_equals_request_log"] = budgetKept ? 1 : 0,
    ["caught_up_after_traffic_seconds"] = Math.Round(caughtUpSeconds, 1),
    ["visible_before_kill_p50_ms"] = Percentile(steady, 0.5),
    ["visible_before_kill_p99_ms"] = Percentile(steady, 0.99),
    ["visible_around_kill_max_ms"] = around.Count == 0 ? -1 : Math.Round(around.Max(), 1),
    ["visible_after_recovery_p50_ms"] = Percentile(after, 0.5),
    ["visible_after_recovery_p99_ms"] = Percentile(after, 0.99),
    ["visibility_probes"] = samples.Count,
};
await BenchmarkResult.WriteAsync("failover", metrics);

var passed = moved < TimeSpan.FromSeconds(10) && surfaces.Intact && budgetKept;
var load = BenchmarkResult.LoadAverage()?.ToString("0.0", CultureInfo.InvariantCulture) ?? "?";
var summary = new StringBuilder("# Failover\n\n")
    .AppendLine(CultureInfo.InvariantCulture, $"{DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC, {Environment.ProcessorCount} cores, load average at the end {load} (before the run: see failover.json). " +
                                              $"Two Aggregation instances, {rate:N0} records/s over HTTP for {seconds} s, the instance running {moving.Count} of {before[doomed].Count} projections killed with SIGKILL at {killedAt.TotalSeconds:0.0} s. " +
                                              $"Target: work moves in < 10 s, 0 lost, 0 doubled: {(passed ? "met" : "NOT met")}.\n")
    .AppendLine("| figure | value |")
    .AppendLine("| --- | ---: |");
foreach (var (name, value) in metrics)
{
    summary.AppendLine(CultureInfo.InvariantCulture, $"| {name} | {value} |");
}

if (surfaces.Mismatches.Count > 0)
{
    summary.AppendLine().AppendLine("Surfaces that differ from what was sent: " + string.Join("; ", surfaces.Mismatches));
}

await File.WriteAllTextAsync(Path.Combine(DotnetService.RepositoryRoot(), "bench", "results", "failover.md"), summary.ToString());
Console.WriteLine(summary);
return passed ? 0 : 2;

static double Seconds(TimeSpan? elapsed) => elapsed is { } e ? Math.Round(e.TotalSeconds, 2) : -1;

static double Percentile(List<double> values, double q)
{
    if (values.Count == 0)
    {
        return -1;
    }

    values.Sort();
    return Math.Round(values[(int)Math.Floor(q * (values.Count - 1))], 1);
}
