using TokenOptimizer.Bench;
using Microsoft.Extensions.Logging;
using System.Diagnostics;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using MassTransit;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Npgsql;
using TokenOptimizer.Access;
using TokenOptimizer.Bench.IngestThroughput;
using TokenOptimizer.Contracts;
using TokenOptimizer.DemoTraffic;
using TokenOptimizer.Provisioning;
using TokenOptimizer.Provisioning.Services;
using TokenOptimizer.UsageLog;

// Ingest throughput end to end: records sent → priced events committed, for each entry path (the OTLP one through
// OpenTelemetry's own exporter), against the baseline of a bare publish → batch consume → COPY pipeline measured in
// the same run.
// Run: dotnet run -c Release --project bench/IngestThroughput [-- RECORDS]
var recordsPerPath = args.Length > 0 ? int.Parse(args[0], System.Globalization.CultureInfo.InvariantCulture) : 100_000;
const int WarmUpRecords = 3_000;

Console.WriteLine($"Provisioning PostgreSQL and RabbitMQ; {recordsPerPath:N0} records per path");
await using var infrastructure = await LocalInfrastructure.StartAsync(new LocalInfrastructureOptions(), CancellationToken.None);
var database = await infrastructure.CreateDatabaseAsync("bench_ingest");
await using var dataSource = NpgsqlDataSource.Create(database);
var adminKey = ApiKeys.Generate();

await using var ingestion = DotnetService.Start(
    "ingestion",
    DotnetService.LocateAssembly("services/Ingestion", "TokenOptimizer.Ingestion"),
    new Dictionary<string, string>
    {
        ["ConnectionStrings__postgres"] = database,
        ["ConnectionStrings__rabbitmq"] = infrastructure.RabbitMqConnectionString,
        ["Access__BootstrapAdminKey"] = adminKey,
        ["Logging__LogLevel__Default"] = "Warning",
    },
    Path.Combine(Path.GetTempPath(), "tokenoptimizer-bench", "ingestion.log"));
await ingestion.WaitHealthyAsync(TimeSpan.FromSeconds(60), CancellationToken.None);

var producer = Host.CreateApplicationBuilder();
producer.Logging.SetMinimumLevel(LogLevel.Warning);
producer.Services.AddMassTransit(bus =>
{
    bus.DisableUsageTelemetry();
    bus.UsingRabbitMq((_, rabbit) => rabbit.Host(new Uri(infrastructure.RabbitMqConnectionString)));
});
using var producerHost = producer.Build();
await producerHost.StartAsync();
var bus = producerHost.Services.GetRequiredService<IBus>();
using var baselineHost = await BaselinePipeline.StartConsumerAsync(infrastructure.RabbitMqConnectionString, dataSource);
using var http = new HttpClient { BaseAddress = ingestion.Url, Timeout = TimeSpan.FromMinutes(2) };
string ingestKey;
// HTTP producers send an ingest key, which an operator creates with the admin key (admin does not imply ingest).
using (var create = new HttpRequestMessage(HttpMethod.Post, new Uri("/v1/admin/api-keys", UriKind.Relative)))
{
    create.Content = JsonContent.Create(new { name = "bench producer", role = "ingest" });
    create.Headers.Authorization = new AuthenticationHeaderValue("Bearer", adminKey);
    using var created = await http.SendAsync(create);
    created.EnsureSuccessStatusCode();
    ingestKey = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("key").GetString()!;
    http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", ingestKey);
}

var generator = new UsageTrafficGenerator(seed: 7);
var now = DateTimeOffset.UtcNow;
List<UsageRecorded> Records(string path, int count) =>
    generator.Between(now.AddDays(-7), now, count).Select((r, i) => r with { RequestId = $"{path}-{i}-{r.RequestId}" }).ToList();

// Priced events committed on one path: rows of Marten's event table above the sequence the path started at, counted
// through the table's key. (Counting the whole table every 20 ms took one of the two cores by the fourth path: the
// profile showed it in 93% of samples.)
// The events stored since now, for a wait until there are `target`. Counting them all every 20 ms took more of the
// database than the path measured (a third of a core by 100,000 rows), so the cheap highest sequence number stands in
// while it is below the target (it is never below the count), and the rows are counted only once it is not.
async Task<Func<Task<long>>> EventsFromNowAsync(long target)
{
    var from = await ScalarAsync($"SELECT coalesce(max(seq_id), 0) FROM {EventStoreTables.Events}");
    return async () =>
    {
        var highest = await ScalarAsync($"SELECT coalesce(max(seq_id), 0) FROM {EventStoreTables.Events}") - from;
        return highest < target ? highest : await ScalarAsync($"SELECT count(*) FROM {EventStoreTables.Events} WHERE seq_id > {from}");
    };
}

async Task<long> ScalarAsync(string sql)
{
    await using var command = dataSource.CreateCommand(sql);
    return (long)(await command.ExecuteScalarAsync())!;
}

async Task<double> MeasureAsync(string name, int count, Func<Task> send, Func<Task<long>> committed, long target)
{
    // Where the database's time goes on each path, printed after its figure (the sampling costs one small query per 200 ms).
    await using var activity = new DatabaseActivity(dataSource);
    activity.Start();
    var clock = Stopwatch.StartNew();
    await send();
    while (await committed() < target)
    {
        await Task.Delay(20);
    }

    var rate = count / clock.Elapsed.TotalSeconds;
    Console.WriteLine($"  {name,-28} {count,9:N0} records in {clock.Elapsed.TotalSeconds,6:0.00} s = {rate,9:N0} records/s");
    if (count >= recordsPerPath)
    {
        await activity.PrintAsync(top: 6);
    }

    return rate;
}

// Bodies are serialised before the clock starts: a producer has its payload ready.
static List<byte[]> HttpBodies(List<UsageRecorded> records) =>
    records.Chunk(UsageLimits.MaxBatchSize).Select(batch => JsonSerializer.SerializeToUtf8Bytes(batch, JsonSerializerOptions.Web)).ToList();

Task SendHttpAsync(List<byte[]> bodies) => Parallel.ForEachAsync(
    bodies,
    new ParallelOptions { MaxDegreeOfParallelism = 4 },
    async (body, cancellationToken) =>
    {
        using var content = new ByteArrayContent(body);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        using var response = await http.PostAsync(new Uri("/v1/usage", UriKind.Relative), content, cancellationToken);
        response.EnsureSuccessStatusCode();
    });

Task PublishBatchesAsync(List<UsageRecorded> records) =>
    Publishing.PublishAllAsync(bus, records.Chunk(UsageLimits.MaxBatchSize).Select(batch => new UsageBatchRecorded { Records = batch }).ToList());

static List<BareUsage> Bare(IEnumerable<UsageRecorded> records) =>
    records.Select(r => new BareUsage(r.RequestId, r.OccurredAt, r.Provider, r.Model, r.InputTokens, r.OutputTokens, r.LatencyMs)).ToList();

var results = new Dictionary<string, double>();
foreach (var warmUp in new[] { true, false })
{
    var count = warmUp ? WarmUpRecords : recordsPerPath;
    var tag = warmUp ? "warm-" : "";
    Console.WriteLine(warmUp ? "Warming up" : "Measuring");

    var bare = Bare(Records(tag + "baseline", count));
    var baselineTarget = await BaselinePipeline.CountAsync(dataSource) + count;
    var baseline = await MeasureAsync("baseline (bare MassTransit)", count, () => Publishing.PublishAllAsync(bus, bare), () => BaselinePipeline.CountAsync(dataSource), baselineTarget);

    var single = Records(tag + "bus", count);
    var busSingle = await MeasureAsync("bus, one message per record", count, () => Publishing.PublishAllAsync(bus, single), await EventsFromNowAsync(count), count);

    var batched = Records(tag + "busbatch", count);
    var busBatch = await MeasureAsync("bus, batch messages", count, () => PublishBatchesAsync(batched), await EventsFromNowAsync(count), count);

    var posted = HttpBodies(Records(tag + "http", count));
    var httpBatch = await MeasureAsync("http, batches of 1,000", count, () => SendHttpAsync(posted), await EventsFromNowAsync(count), count);

    var traced = Records(tag + "otlp", count);
    var otlp = await MeasureAsync(
        "otlp exporter, 1,000 spans",
        count,
        () => Task.Run(() => OtlpExporting.ExportAll(new Uri(ingestion.Url, "/v1/traces"), ingestKey, traced)),
        await EventsFromNowAsync(count),
        count);

    if (!warmUp)
    {
        results["records_per_path"] = count;
        results["baseline_records_per_s"] = Math.Round(baseline);
        results["bus_single_records_per_s"] = Math.Round(busSingle);
        results["bus_batch_records_per_s"] = Math.Round(busBatch);
        results["http_batch_records_per_s"] = Math.Round(httpBatch);
        results["bus_single_vs_baseline"] = Math.Round(busSingle / baseline, 2);
        results["bus_batch_vs_baseline"] = Math.Round(busBatch / baseline, 2);
        results["http_batch_vs_baseline"] = Math.Round(httpBatch / baseline, 2);
        results["otlp_protobuf_records_per_s"] = Math.Round(otlp);
        results["otlp_protobuf_vs_baseline"] = Math.Round(otlp / baseline, 2);
    }
}

await producerHost.StopAsync();
await baselineHost.StopAsync();
await BenchmarkResult.WriteAsync("ingest-throughput", results);
