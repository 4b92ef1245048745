using System.Diagnostics;
using System.Globalization;
using Marten;
using Npgsql;
using TokenOptimizer.Access;
using TokenOptimizer.Bench;
using TokenOptimizer.Bench.ProjectionThroughput;
using TokenOptimizer.Provisioning;
using TokenOptimizer.Provisioning.Services;
using TokenOptimizer.ReadModels;
using TokenOptimizer.UsageLog;

// Projection throughput, visibility lag and storage of the Aggregation service (Marten's async daemon running the
// composite of every read model), run as its own process:
//  1. catch-up: EVENTS usage events (two days of demo traffic, in time order) are in Marten's event tables, loaded
//     through Ingestion's COPY path, before the service starts; measured from its start until the composite's progress
//     (its row in Marten's progression table: every read model commits with it) reaches the last event;
//  2. storage: the event tables and every read-model table after catch-up (pg_total_relation_size, MB);
//  3. lag: events are appended at RATE/s for 30 s as Ingestion appends them (COPY and NOTIFY in one transaction), and each append's
//     commit → the composite's progress passing it (that is when its rows are visible to Query);
//  4. rebuild: every read model from zero (POST /v1/projections/usage_rollups/rebuild: they share one position).
// The machine's 1-minute load average is recorded too: on a shared machine it explains much of the spread.
// Run: dotnet run -c Release --project bench/ProjectionThroughput [-- EVENTS [RATE]]
var events = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 1_000_000;
var rate = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 5_000;
var lagSeconds = 30;

Console.WriteLine($"Provisioning PostgreSQL and RabbitMQ; {events:N0} events to catch up on, then {rate:N0} events/s for {lagSeconds} s");
await using var infrastructure = await LocalInfrastructure.StartAsync(new LocalInfrastructureOptions(), CancellationToken.None);
var database = await infrastructure.CreateDatabaseAsync("bench_projection");
await using var dataSource = NpgsqlDataSource.Create(database);
using var store = DocumentStore.For(options =>
{
    UsageEventStore.Configure(options);
    options.Connection(database);
});
await EventStoreSetup.PrepareAsync(store, dataSource, "public", CancellationToken.None);
var progress = new ReadModelProgress(dataSource);

var load = Stopwatch.StartNew();
var now = DateTimeOffset.UtcNow;
await new UsageEvents(seed: 3).LoadAsync(store, dataSource, events, now.AddDays(-2), now.AddMinutes(-1));
var lastSequence = await LastSequenceAsync();
await ExecuteAsync($"VACUUM ANALYZE {EventStoreTables.Events}, {EventStoreTables.Streams}");
Console.WriteLine($"  loaded {events:N0} events in {load.Elapsed.TotalSeconds:0.0} s");

var adminKey = ApiKeys.Generate();
await using var activity = new DatabaseActivity(dataSource);
activity.Start();
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

while (await progress.PositionAsync(CancellationToken.None) < lastSequence)
{
    if (aggregation.HasExited)
    {
        throw new InvalidOperationException($"Aggregation exited; see {aggregation.LogFile}");
    }

    await Task.Delay(100);
}

var caughtUp = clock.Elapsed.TotalSeconds;
Console.WriteLine($"  every read model caught up after {caughtUp:0.0} s = {events / caughtUp:N0} events/s");
await activity.PrintAsync(top: 12);
var results = new Dictionary<string, double>
{
    ["catchup_events"] = events,
    ["catchup_all_projections_seconds"] = Math.Round(caughtUp, 1),
    ["catchup_all_projections_events_per_s"] = Math.Round(events / caughtUp),
};

var (eventTablesMb, readModelsMb) = await StorageAsync();
results["storage_event_tables_mb"] = eventTablesMb;
results["storage_read_models_mb"] = readModelsMb;
results["storage_total_mb"] = Math.Round(eventTablesMb + readModelsMb, 1);
results["storage_total_mb_per_1m_events"] = Math.Round((eventTablesMb + readModelsMb) * 1_000_000 / events, 1);

Console.WriteLine($"Appending {rate:N0} events/s for {lagSeconds} s");
var generator = new UsageEvents(seed: 4);
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

        var position = await progress.PositionAsync(CancellationToken.None);
        var seenAt = Stopwatch.GetTimestamp();
        while (waiting.Count > 0 && waiting.Peek().Sequence <= position)
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
    await UsageEvents.WriteAsync(store, dataSource, [.. Enumerable.Range(0, perTick).Select(_ => generator.Next(DateTimeOffset.UtcNow))]);
    var committedAt = Stopwatch.GetTimestamp();
    pending.Enqueue((await LastSequenceAsync(), committedAt));
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
Console.WriteLine("Rebuilding every read model from zero (they share the composite's position)");
using (var http = new HttpClient { BaseAddress = aggregation.Url, Timeout = TimeSpan.FromMinutes(20) })
{
    http.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", adminKey);
    var rebuilt = await LastSequenceAsync();
    var rebuild = Stopwatch.StartNew();
    using var response = await http.PostAsync(new Uri("/v1/projections/usage_rollups/rebuild", UriKind.Relative), null);
    response.EnsureSuccessStatusCode();
    // The rebuild answers once the daemon has replayed every event; its position says so.
    while (await progress.PositionAsync(CancellationToken.None) < rebuilt)
    {
        await Task.Delay(100);
    }

    Console.WriteLine($"  {rebuilt:N0} events in {rebuild.Elapsed.TotalSeconds:0.0} s = {rebuilt / rebuild.Elapsed.TotalSeconds:N0} events/s");
    results["rebuild_all_projections_events"] = rebuilt;
    results["rebuild_all_projections_seconds"] = Math.Round(rebuild.Elapsed.TotalSeconds, 1);
    results["rebuild_all_projections_events_per_s"] = Math.Round(rebuilt / rebuild.Elapsed.TotalSeconds);
}

results["load_average_1m_at_end"] = BenchmarkResult.LoadAverage() ?? -1;
await BenchmarkResult.WriteAsync("projection-throughput", results);

async Task<long> LastSequenceAsync()
{
    await using var command = dataSource.CreateCommand($"SELECT coalesce(max(seq_id), 0) FROM {EventStoreTables.Events}");
    return (long)(await command.ExecuteScalarAsync())!;
}

async Task ExecuteAsync(string sql)
{
    await using var command = dataSource.CreateCommand(sql);
    await command.ExecuteNonQueryAsync();
}

// Marten's tables (schema event_store: events, streams, progress, dead letters) and every table of the public schema,
// where Aggregation keeps its read models (the Orleans tables left out: cluster membership and grain state, not read
// models). Each table is printed, with its indexes and TOAST.
async Task<(double EventTablesMb, double ReadModelsMb)> StorageAsync()
{
    await using var command = dataSource.CreateCommand("""
        SELECT n.nspname, c.relname, pg_total_relation_size(c.oid), pg_relation_size(c.oid), pg_indexes_size(c.oid)
        FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
        WHERE c.relkind IN ('r', 'p') AND (n.nspname = $1 OR (n.nspname = 'public' AND c.relname NOT LIKE 'orleans%'))
        ORDER BY 3 DESC
        """);
    command.Parameters.Add(new NpgsqlParameter { Value = UsageEventStore.Schema });
    await using var reader = await command.ExecuteReaderAsync();
    var (eventBytes, readModelBytes) = (0L, 0L);
    while (await reader.ReadAsync())
    {
        var bytes = reader.GetInt64(2);
        if (reader.GetString(0) == UsageEventStore.Schema)
        {
            eventBytes += bytes;
        }
        else
        {
            readModelBytes += bytes;
        }

        var (heap, indexes) = (reader.GetInt64(3), reader.GetInt64(4));
        Console.WriteLine(
            $"  {reader.GetString(0) + "." + reader.GetString(1),-44} {bytes / 1048576.0,8:0.0} MB (rows {heap / 1048576.0,7:0.0}, indexes {indexes / 1048576.0,7:0.0}, TOAST {(bytes - heap - indexes) / 1048576.0,6:0.0})");
    }

    await reader.DisposeAsync();
    await using var average = dataSource.CreateCommand(
        $"SELECT avg(pg_column_size(data))::int, avg(pg_column_size(e.*))::int FROM {EventStoreTables.Events} e");
    await using var sizes = await average.ExecuteReaderAsync();
    await sizes.ReadAsync();
    Console.WriteLine($"  an event's data: {sizes.GetInt32(0)} bytes stored on average; its whole row {sizes.GetInt32(1)} bytes");
    return (Math.Round(eventBytes / 1048576.0, 1), Math.Round(readModelBytes / 1048576.0, 1));
}
