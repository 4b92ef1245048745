using System.Diagnostics;
using System.Globalization;
using Npgsql;
using TokenOptimizer.Access;
using TokenOptimizer.Bench;
using TokenOptimizer.Bench.ProjectionThroughput;
using TokenOptimizer.EventStore;
using TokenOptimizer.Provisioning;
using TokenOptimizer.Provisioning.Services;
using TokenOptimizer.UsageLog;
// Access brings ASP.NET Core, and with it System.Diagnostics.EventLog.
using EventLog = TokenOptimizer.EventStore.EventLog;

// Projection throughput and visibility lag of the Aggregation service, run as its own process:
//  1. catch-up: EVENTS usage events (two days of demo traffic, in time order) are in the log before the service
//     starts; measured from its start until every projection's checkpoint reaches the last event;
//  2. lag: events are appended at RATE/s for 30 s, and each append's commit → the usage_rollups checkpoint
//     passing it (read models and checkpoint commit together, so that is when its rollup is visible);
//  3. rollups alone: a rebuild of usage_rollups from zero (POST /v1/projections/usage_rollups/rebuild) while
//     the other projections are idle.
// The machine's 1-minute load average is recorded too: on a shared machine it explains much of the spread.
// Run: dotnet run -c Release --project bench/ProjectionThroughput [-- EVENTS [RATE]]
var events = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 1_000_000;
var rate = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 5_000;
var lagSeconds = 30;

Console.WriteLine($"Provisioning PostgreSQL and RabbitMQ; {events:N0} events to catch up on, then {rate:N0} events/s for {lagSeconds} s");
await using var infrastructure = await LocalInfrastructure.StartAsync(new LocalInfrastructureOptions(), CancellationToken.None);
var database = await infrastructure.CreateDatabaseAsync("bench_projection");
await using var dataSource = NpgsqlDataSource.Create(database);
var types = new EventTypeRegistry().AddUsageEvents();
var log = await EventLog.OpenAsync(dataSource, types);

var load = Stopwatch.StartNew();
var now = DateTimeOffset.UtcNow;
await new UsageEvents(types, seed: 3).CopyAsync(dataSource, events, now.AddDays(-2), now.AddMinutes(-1));
var lastSequence = await ScalarAsync<long>("SELECT max(seq) FROM events");
await ScalarAsync<int>("VACUUM ANALYZE events; SELECT 1");
Console.WriteLine($"  loaded {events:N0} events in {load.Elapsed.TotalSeconds:0.0} s");

var adminKey = ApiKeys.Generate();
var clock = Stopwatch.StartNew();
await using var aggregation = DotnetService.Start(
    "aggregation",
    DotnetService.LocateAssembly("services/Aggregation", "TokenOptimizer.Aggregation"),
    new Dictionary<string, string>
    {
        ["ConnectionStrings__postgres"] = database,
        ["ConnectionStrings__rabbitmq"] = infrastructure.RabbitMqConnectionString,
        ["Access__BootstrapAdminKey"] = adminKey,
        ["Logging__LogLevel__Default"] = "Warning",
    },
    Path.Combine(Path.GetTempPath(), "tokenoptimizer-bench", "aggregation.log"));

var reached = new Dictionary<string, double>();
// Every projection the service runs: catch-up is over when the last of them has applied the last event.
string[] projections = ["usage_rollups", "provider_health", "budget_spend", "usage_anomalies", "usage_log", "user_rollups"];
while (reached.Count < projections.Length)
{
    if (aggregation.HasExited)
    {
        throw new InvalidOperationException($"Aggregation exited; see {aggregation.LogFile}");
    }

    foreach (var (name, position) in await CheckpointsAsync())
    {
        if (position >= lastSequence && !reached.ContainsKey(name))
        {
            reached[name] = clock.Elapsed.TotalSeconds;
            Console.WriteLine($"  {name,-16} caught up after {reached[name],6:0.0} s = {events / reached[name],9:N0} events/s");
        }
    }

    await Task.Delay(100);
}

var results = new Dictionary<string, double>
{
    ["catchup_events"] = events,
    ["catchup_rollups_seconds"] = Math.Round(reached["usage_rollups"], 1),
    ["catchup_rollups_events_per_s"] = Math.Round(events / reached["usage_rollups"]),
    ["catchup_all_projections_seconds"] = Math.Round(reached.Values.Max(), 1),
    ["catchup_all_projections_events_per_s"] = Math.Round(events / reached.Values.Max()),
};

Console.WriteLine($"Appending {rate:N0} events/s for {lagSeconds} s");
var generator = new UsageEvents(types, seed: 4);
var pending = new System.Collections.Concurrent.ConcurrentQueue<(long Sequence, long CommittedAt)>();
var lags = new List<double>();
using var stop = new CancellationTokenSource();
var watcher = Task.Run(async () =>
{
    var waiting = new Queue<(long Sequence, long CommittedAt)>();
    while (!stop.IsCancellationRequested || !pending.IsEmpty || waiting.Count > 0)
    {
        while (pending.TryDequeue(out var append))
        {
            waiting.Enqueue(append);
        }

        var checkpoint = (await CheckpointsAsync())["usage_rollups"];
        var seenAt = Stopwatch.GetTimestamp();
        while (waiting.Count > 0 && waiting.Peek().Sequence <= checkpoint)
        {
            lags.Add(Stopwatch.GetElapsedTime(waiting.Dequeue().CommittedAt, seenAt).TotalMilliseconds);
        }

        await Task.Delay(5);
    }
});

var perTick = rate / 20;
var ticks = lagSeconds * 20;
var started = Stopwatch.StartNew();
for (var tick = 0; tick < ticks; tick++)
{
    var batch = Enumerable.Range(0, perTick).Select(_ => generator.Next(DateTimeOffset.UtcNow)).ToList();
    await log.StartStreamsAsync(batch.Select(e => new NewStream(UsageStreams.For(e.Usage), e)).ToList());
    var committedAt = Stopwatch.GetTimestamp();
    pending.Enqueue((await ScalarAsync<long>("SELECT max(seq) FROM events"), committedAt));
    var due = TimeSpan.FromMilliseconds(50 * (tick + 1)) - started.Elapsed;
    if (due > TimeSpan.Zero)
    {
        await Task.Delay(due);
    }
}

var achieved = perTick * ticks / started.Elapsed.TotalSeconds;
await stop.CancelAsync();
await watcher;
lags.Sort();
double Percentile(double q) => Math.Round(lags[(int)Math.Floor(q * (lags.Count - 1))], 1);
Console.WriteLine($"  appended at {achieved:N0} events/s; visibility lag p50 {Percentile(0.5)} ms, p99 {Percentile(0.99)} ms, max {lags[^1]:0.0} ms");
results["lag_append_events_per_s"] = Math.Round(achieved);
results["lag_p50_ms"] = Percentile(0.5);
results["lag_p99_ms"] = Percentile(0.99);
results["lag_max_ms"] = Math.Round(lags[^1], 1);
Console.WriteLine("Rebuilding usage_rollups from zero, the other projections idle");
using (var http = new HttpClient { BaseAddress = aggregation.Url, Timeout = TimeSpan.FromMinutes(20) })
{
    http.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", adminKey);
    var rebuild = Stopwatch.StartNew();
    using var response = await http.PostAsync(new Uri("/v1/projections/usage_rollups/rebuild", UriKind.Relative), null);
    response.EnsureSuccessStatusCode();
    var rebuilt = await ScalarAsync<long>("SELECT max(seq) FROM events");
    Console.WriteLine($"  {rebuilt:N0} events in {rebuild.Elapsed.TotalSeconds:0.0} s = {rebuilt / rebuild.Elapsed.TotalSeconds:N0} events/s");
    results["rebuild_rollups_events"] = rebuilt;
    results["rebuild_rollups_seconds"] = Math.Round(rebuild.Elapsed.TotalSeconds, 1);
    results["rebuild_rollups_events_per_s"] = Math.Round(rebuilt / rebuild.Elapsed.TotalSeconds);
}

results["load_average_1m_at_end"] = BenchmarkResult.LoadAverage() ?? -1;
await BenchmarkResult.WriteAsync("projection-throughput", results);


async Task<T> ScalarAsync<T>(string sql)
{
    await using var command = dataSource.CreateCommand(sql);
    return (T)(await command.ExecuteScalarAsync())!;
}

async Task<Dictionary<string, long>> CheckpointsAsync()
{
    var checkpoints = projections.ToDictionary(p => p, _ => 0L);
    await using var command = dataSource.CreateCommand("SELECT name, position FROM projection_checkpoints");
    await using var reader = await command.ExecuteReaderAsync();
    while (await reader.ReadAsync())
    {
        // A projection missing from the list would make catch-up look faster than it is.
        checkpoints[reader.GetString(0)] = projections.Contains(reader.GetString(0))
            ? reader.GetInt64(1)
            : throw new InvalidOperationException($"The service runs projection {reader.GetString(0)}, which this benchmark does not wait for: add it to the list.");
    }

    return checkpoints;
}
