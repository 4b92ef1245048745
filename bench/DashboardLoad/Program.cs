using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Npgsql;
using TokenOptimizer.Access;
using TokenOptimizer.Bench;
using TokenOptimizer.Bench.QueryLatency;
using TokenOptimizer.Provisioning;
using TokenOptimizer.Provisioning.Services;

// Time to a fully rendered Overview (every headline figure and the cost trend drawn) in headless Chromium, over 1M
// records of the last 30 days, through the Query service serving the built dashboard (and Aggregation, which answers
// its budgets). Cold: the first load after the
// Query service started (its cache empty) in a fresh browser (no cached assets). Warm: reloads in that browser, the
// service's cache warm, as a dashboard left open sees. Target: under 1 s warm, under 2 s cold.
// Run: dotnet run -c Release --project bench/DashboardLoad [-- RECORDS]
var records = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 1_000_000;
var adminKey = ApiKeys.Generate();
await DashboardBuilder.EnsureBuiltAsync(Console.WriteLine, CancellationToken.None);
await using var infrastructure = await LocalInfrastructure.StartAsync(new LocalInfrastructureOptions(), CancellationToken.None);
var database = await infrastructure.CreateDatabaseAsync("bench_dashboard");
await using var dataSource = NpgsqlDataSource.Create(database);
var now = DateTimeOffset.UtcNow;
var load = Stopwatch.StartNew();
Console.WriteLine($"Loading {records:N0} records over 30 days into the event store");
await ReadModelLoader.AppendAsync(database, dataSource, records, now.AddDays(-30), now.AddMinutes(-1));

// Aggregation projects the records (as in production: Marten's daemon) and answers the Overview's budgets.
var environment = new Dictionary<string, string>
{
    ["ConnectionStrings__postgres"] = database,
    ["ConnectionStrings__rabbitmq"] = infrastructure.RabbitMqConnectionString,
    ["Access__BootstrapAdminKey"] = adminKey,
    ["Dashboard__Path"] = DashboardBuilder.Output,
    ["Logging__LogLevel__Default"] = "Warning",
};
var logs = Path.Combine(Path.GetTempPath(), "tokenoptimizer-bench");
await using var aggregation = DotnetService.Start(
    "aggregation", DotnetService.LocateAssembly("services/Aggregation", "TokenOptimizer.Aggregation"), environment, Path.Combine(logs, "dashboard-aggregation.log"));
await aggregation.WaitHealthyAsync(TimeSpan.FromSeconds(60), CancellationToken.None);
await ReadModelLoader.WaitCaughtUpAsync(aggregation, dataSource, TimeSpan.FromMinutes(20));
Console.WriteLine($"  loaded in {load.Elapsed.TotalSeconds:0} s");
environment["services__aggregation__http__0"] = aggregation.Url.ToString();
await using var query = DotnetService.Start(
    "query", DotnetService.LocateAssembly("services/Query", "TokenOptimizer.Query"), environment, Path.Combine(logs, "dashboard-query.log"));
await query.WaitHealthyAsync(TimeSpan.FromSeconds(60), CancellationToken.None);

var start = new ProcessStartInfo("node", [Path.Combine(DashboardBuilder.Folder, "e2e", "load-time.mjs")])
{
    WorkingDirectory = DashboardBuilder.Folder, RedirectStandardOutput = true,
};
start.Environment["BASE_URL"] = query.Url.ToString();
start.Environment["ADMIN_KEY"] = adminKey;
start.Environment["CHROMIUM"] = "/usr/bin/chromium";
using var node = Process.Start(start)!;
var output = await node.StandardOutput.ReadToEndAsync();
await node.WaitForExitAsync();
if (node.ExitCode != 0)
{
    throw new InvalidOperationException($"load-time.mjs failed ({node.ExitCode}): {output}");
}

var measured = JsonSerializer.Deserialize<Dictionary<string, double>>(output.Trim().Split('\n')[^1])!;
Console.WriteLine($"  overview rendered: cold {measured["cold_ms"]:0} ms, warm p50 {measured["warm_p50_ms"]:0} ms / p95 {measured["warm_p95_ms"]:0} ms");
await BenchmarkResult.WriteAsync("dashboard-load", new Dictionary<string, double>(measured) { ["records"] = records });
