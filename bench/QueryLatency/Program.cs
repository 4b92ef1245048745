using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Npgsql;
using TokenOptimizer.Access;
using TokenOptimizer.Bench;
using TokenOptimizer.Bench.QueryLatency;
using TokenOptimizer.Provisioning;
using TokenOptimizer.Provisioning.Services;

// Latency of the dashboard's queries through the Query service (GraphQL over HTTP), over 30 days of usage at two
// scales, next to the same figures from a plain SQL GROUP BY over a raw usage table with a time index (what a user
// would build instead; measured straight over Npgsql, so it pays no HTTP or GraphQL cost). "uncached" runs move
// the range by a minute each time so every request reaches PostgreSQL; "cached" repeats one request, as dashboard
// reloads between events do. Target (issue #16): at 10M records every query under 30 ms p95 and at least 50 times
// faster than its GROUP BY (`…_group_by_ratio_p95`: GROUP BY p95 / uncached p95, both from this run).
// Run: dotnet run -c Release --project bench/QueryLatency [-- SCALES], e.g. -- 1000000,10000000
var scales = (args.Length > 0 ? args[0] : "1000000,10000000").Split(',').Select(s => int.Parse(s, CultureInfo.InvariantCulture)).ToArray();
const int Iterations = 200;
var results = new Dictionary<string, double>();
var adminKey = ApiKeys.Generate();

await using var infrastructure = await LocalInfrastructure.StartAsync(new LocalInfrastructureOptions(), CancellationToken.None);
foreach (var scale in scales)
{
    var label = scale >= 1_000_000 ? $"{scale / 1_000_000}m" : $"{scale / 1000}k";
    var database = await infrastructure.CreateDatabaseAsync("bench_query_" + label);
    await using var dataSource = NpgsqlDataSource.Create(database);
    var now = DateTimeOffset.UtcNow;
    var load = Stopwatch.StartNew();
    Console.WriteLine($"Loading {scale:N0} records over 30 days into the event store and into {ReadModelLoader.RawTable}; Aggregation projects them");
    await ReadModelLoader.AppendAsync(database, dataSource, scale, now.AddDays(-30), now.AddMinutes(-1));
    await using (var aggregation = DotnetService.Start(
        "aggregation",
        DotnetService.LocateAssembly("services/Aggregation", "TokenOptimizer.Aggregation"),
        new Dictionary<string, string>
        {
            ["ConnectionStrings__postgres"] = database,
            ["ConnectionStrings__rabbitmq"] = infrastructure.RabbitMqConnectionString,
            ["Access__BootstrapAdminKey"] = adminKey,
            ["Logging__LogLevel__Default"] = "Warning",
        },
        Path.Combine(Path.GetTempPath(), "tokenoptimizer-bench", "query-aggregation.log")))
    {
        await ReadModelLoader.WaitCaughtUpAsync(aggregation, dataSource, TimeSpan.FromHours(1));
    }

    Console.WriteLine($"  loaded in {load.Elapsed.TotalSeconds:0} s");

    await using var query = DotnetService.Start(
        "query",
        DotnetService.LocateAssembly("services/Query", "TokenOptimizer.Query"),
        new Dictionary<string, string>
        {
            ["ConnectionStrings__postgres"] = database,
            ["Access__BootstrapAdminKey"] = adminKey,
            ["Logging__LogLevel__Default"] = "Warning",
        },
        Path.Combine(Path.GetTempPath(), "tokenoptimizer-bench", "query.log"));
    await query.WaitHealthyAsync(TimeSpan.FromSeconds(60), CancellationToken.None);
    using var http = new HttpClient { BaseAddress = query.Url };
    http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", adminKey);
    var team = await ScalarAsync<string>(dataSource, $"SELECT team FROM {ReadModelLoader.RawTable} GROUP BY team ORDER BY count(*) DESC LIMIT 1");

    // Each case: the GraphQL operation, and the equivalent SQL over the raw table.
    (string Name, string GraphQL, string Filter, string Sql)[] cases =
    [
        ("overview_30d", "query($f: UsageFilter) { overview(filter: $f) { totalCostUsd requests totalTokens p95LatencyMs previousPeriodCostUsd projectedMonthEndUsd } }",
            "{}", "SELECT sum(cost_usd), count(*), sum(input_tokens + output_tokens), percentile_cont(0.95) WITHIN GROUP (ORDER BY latency_ms) FROM raw_usage WHERE occurred_at >= $1 AND occurred_at < $2"),
        ("overview_7d_team", "query($f: UsageFilter) { overview(filter: $f) { totalCostUsd requests totalTokens p95LatencyMs previousPeriodCostUsd projectedMonthEndUsd } }",
            "{\"teams\":[\"TEAM\"]}", "SELECT sum(cost_usd), count(*), sum(input_tokens + output_tokens), percentile_cont(0.95) WITHIN GROUP (ORDER BY latency_ms) FROM raw_usage WHERE occurred_at >= $1 AND occurred_at < $2 AND team = $3"),
        ("breakdown_model_30d", "query($f: UsageFilter) { costBreakdown(by: MODEL, filter: $f) { key costUsd share requests totalTokens trendPercent } }",
            "{}", "SELECT model, sum(cost_usd), count(*), sum(input_tokens + output_tokens) FROM raw_usage WHERE occurred_at >= $1 AND occurred_at < $2 GROUP BY model"),
        ("breakdown_team_7d", "query($f: UsageFilter) { costBreakdown(by: TEAM, filter: $f) { key costUsd share requests totalTokens trendPercent } }",
            "{}", "SELECT team, sum(cost_usd), count(*), sum(input_tokens + output_tokens) FROM raw_usage WHERE occurred_at >= $1 AND occurred_at < $2 GROUP BY team"),
    ];

    foreach (var (name, graphQL, filterJson, sql) in cases)
    {
        var days = name.Contains("30d", StringComparison.Ordinal) ? 30 : 7;
        var filter = JsonSerializer.Deserialize<Dictionary<string, object?>>(filterJson.Replace("TEAM", team, StringComparison.Ordinal))!;
        Dictionary<string, object?> Range(int shift)
        {
            var to = now.AddMinutes(-shift);
            return new Dictionary<string, object?>(filter) { ["from"] = to.AddDays(-days), ["to"] = to };
        }

        await TimeAsync(name, 5, i => PostAsync(http, graphQL, Range(i))); // warm-up: JIT, connections, plans
        var uncached = await TimeAsync(name, Iterations, i => PostAsync(http, graphQL, Range(10 + i)));
        var cached = await TimeAsync(name, Iterations, _ => PostAsync(http, graphQL, Range(5)));
        var baseline = await TimeAsync(name, Math.Max(20, Iterations / (scale / 1_000_000 + 1)), async i =>
        {
            await using var command = dataSource.CreateCommand(sql);
            var to = now.AddMinutes(-10 - i);
            command.Parameters.Add(new NpgsqlParameter { Value = to.AddDays(-days).UtcDateTime });
            command.Parameters.Add(new NpgsqlParameter { Value = to.UtcDateTime });
            if (sql.Contains("$3", StringComparison.Ordinal))
            {
                command.Parameters.Add(new NpgsqlParameter { Value = team });
            }

            await using var reader = await command.ExecuteReaderAsync();
            while (await reader.ReadAsync())
            {
            }
        });
        Console.WriteLine($"  {label} {name,-20} p50/p95 ms: uncached {uncached.P50:0.0}/{uncached.P95:0.0}, cached {cached.P50:0.0}/{cached.P95:0.0}, SQL GROUP BY {baseline.P50:0.0}/{baseline.P95:0.0}");
        results[$"{label}_{name}_p50_ms"] = uncached.P50;
        results[$"{label}_{name}_p95_ms"] = uncached.P95;
        results[$"{label}_{name}_cached_p50_ms"] = cached.P50;
        results[$"{label}_{name}_cached_p95_ms"] = cached.P95;
        results[$"{label}_{name}_sql_group_by_p50_ms"] = baseline.P50;
        results[$"{label}_{name}_sql_group_by_p95_ms"] = baseline.P95;
        results[$"{label}_{name}_group_by_ratio_p95"] = Math.Round(baseline.P95 / uncached.P95, 1);
    }
}

await BenchmarkResult.WriteAsync("query-latency", results);

static async Task PostAsync(HttpClient http, string query, Dictionary<string, object?> filter)
{
    using var response = await http.PostAsJsonAsync("/graphql", new { query, variables = new { f = filter } });
    var body = await response.Content.ReadAsStringAsync();
    if (!response.IsSuccessStatusCode || body.Contains("\"errors\"", StringComparison.Ordinal))
    {
        throw new InvalidOperationException($"Query failed ({(int)response.StatusCode}): {body}");
    }
}

static async Task<(double P50, double P95)> TimeAsync(string name, int iterations, Func<int, Task> run)
{
    var times = new List<double>(iterations);
    for (var i = 0; i < iterations; i++)
    {
        var clock = Stopwatch.StartNew();
        await run(i);
        times.Add(clock.Elapsed.TotalMilliseconds);
    }

    times.Sort();
    return (Math.Round(times[(int)(0.50 * (times.Count - 1))], 1), Math.Round(times[(int)(0.95 * (times.Count - 1))], 1));
}

static async Task<T> ScalarAsync<T>(NpgsqlDataSource dataSource, string sql)
{
    await using var command = dataSource.CreateCommand(sql);
    return (T)(await command.ExecuteScalarAsync())!;
}
