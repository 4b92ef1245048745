using System.Diagnostics;
using System.Net;
using System.Text;
using System.Text.Json;
using TokenOptimizer.Contracts;
using TokenOptimizer.DemoTraffic;
using TokenOptimizer.Testing;
using TokenOptimizer.UsageLog;

namespace TokenOptimizer.Bench.FaultSuite;

/// <summary>
/// The rows of issue #15's table, each under a little background traffic: what a careless or hostile client sent,
/// and what the system must do with it (refuse it with a field-named 400, or store and project it; never a 500, a
/// frozen read model, a parked message or a lost record).
/// </summary>
internal static class TableRows
{
    public static async Task<CaseRun> Latency1e300(FaultSystem system) =>
        await HostileBatchAsync(system, Enumerable.Range(0, 4).Select(_ => Good() with { LatencyMs = 1e300 }).ToList());

    public static async Task<CaseRun> TokenCountsAtLongMax(FaultSystem system) =>
        await HostileBatchAsync(system, [Good() with { InputTokens = long.MaxValue, OutputTokens = long.MaxValue }]);

    public static async Task<CaseRun> CachePartsOverflow(FaultSystem system) =>
        await HostileBatchAsync(system, [Good() with { InputTokens = 0, CachedInputTokens = long.MaxValue, CacheWriteTokens = long.MaxValue }]);

    public static async Task<CaseRun> NulInFeatureOverHttp(FaultSystem system) =>
        await HostileBatchAsync(system, [Good() with { Feature = "support\u0000chat" }]);

    /// <summary>On the bus the NUL must cost only its own message: its batch-mates stored, it quarantined, nothing in _error.</summary>
    public static async Task<CaseRun> NulInFeatureOnTheBus(FaultSystem system)
    {
        var records = Enumerable.Range(0, 100).Select(_ => Good()).ToList();
        var poison = records[41] = records[41] with { Feature = "support\u0000chat" };
        await Task.WhenAll(records.Select(r => system.Bus.Publish(r)));
        await Eventually.UntilAsync(async () => await system.DataSource.CountQuarantinedAsync(poison.RequestId) == 1, TimeSpan.FromSeconds(60), "the bad message quarantined")
            .ContinueWith(_ => { }, TaskScheduler.Default);
        var quarantined = await system.DataSource.CountQuarantinedAsync(poison.RequestId);
        return new CaseRun(records.Where(r => r != poison).ToList(), quarantined == 1 ? null : "the bad message was not quarantined alone");
    }

    /// <summary>32 fragments, each spreading the next twice: 2^32 visits unless each fragment is judged once.</summary>
    public static async Task<CaseRun> GraphQLFragmentChain(FaultSystem system)
    {
        var document = new StringBuilder("query Chain { ...F0 }\n");
        for (var i = 0; i < 32; i++)
        {
            document.Append(i < 31 ? $"fragment F{i} on Query {{ ...F{i + 1} ...F{i + 1} }}\n" : $"fragment F{i} on Query {{ viewer {{ keyId }} }}\n");
        }

        using var client = new HttpClient { BaseAddress = system.Query.BaseAddress, Timeout = TimeSpan.FromSeconds(10) };
        var clock = Stopwatch.StartNew();
        try
        {
            var (status, _) = await client.GraphQLAsync(system.AdminKey, document.ToString());
            var ms = clock.Elapsed.TotalMilliseconds;
            Console.WriteLine($"  a {document.Length} B fragment chain: {status} after {ms:0} ms");
            return new CaseRun([], status is >= 400 and < 500 or 200 && ms < 100 ? null : $"answered {status} after {ms:0} ms (refusal within 100 ms wanted)");
        }
        catch (TaskCanceledException)
        {
            return new CaseRun([], "no answer within 10 s");
        }
    }

    /// <summary>A 40 MB body must get a 413 problem saying the limit, not a reset connection.</summary>
    public static async Task<CaseRun> FortyMegabyteBody(FaultSystem system)
    {
        var padding = new string('x', 40 * 1024 * 1024);
        try
        {
            var (status, body) = await system.Producer.PostAsync(new[] { Good() with { ErrorMessage = padding } });
            return new CaseRun([], status == HttpStatusCode.RequestEntityTooLarge && body.ValueKind == JsonValueKind.Object ? null : $"answered {(int)status}");
        }
        catch (HttpRequestException exception)
        {
            return new CaseRun([], "connection failed: " + exception.Message);
        }
    }

    /// <summary>PostgreSQL down 20 s while producers publish on the bus.</summary>
    public static async Task<CaseRun> PostgresDown20sOnTheBus(FaultSystem system)
    {
        var traffic = UsageTraffic.Start(system.SendOnTheBusAsync, recordsPerSecond: 60, seed: 7);
        await Task.Delay(TimeSpan.FromSeconds(5));
        await system.Servers.StopPostgresAsync();
        await Task.Delay(TimeSpan.FromSeconds(20));
        await system.Servers.StartPostgresAsync();
        await Task.Delay(TimeSpan.FromSeconds(5));
        return new CaseRun(await traffic.StopAsync());
    }

    /// <summary>Two teams' producers use the same request id: both records are theirs, both must be stored.</summary>
    public static async Task<CaseRun> SameRequestIdTwoTeams(FaultSystem system)
    {
        var alpha = await system.Ingestion.CreateApiKeyAsync(system.AdminKey, Access.Role.Ingest, "alpha");
        var beta = await system.Ingestion.CreateApiKeyAsync(system.AdminKey, Access.Role.Ingest, "beta");
        var shared = "shared-" + Guid.NewGuid().ToString("N")[..8];
        var alphas = Good() with { RequestId = shared, Team = "alpha" };
        var betas = Good() with { RequestId = shared, Team = "beta" };
        await system.Producer.PostAsync(new[] { alphas }, alpha);
        await system.Producer.PostAsync(new[] { betas }, beta);
        await using var command = system.DataSource.CreateCommand(
            $"SELECT count(*) FROM {EventStoreTables.Events} WHERE type = '{UsageEventStore.UsageIngestedType}' AND data->'usage'->>'requestId' = $1");
        command.Parameters.Add(new Npgsql.NpgsqlParameter { Value = shared });
        var stored = (long)(await command.ExecuteScalarAsync())!;
        return new CaseRun([alphas, betas], stored == 2 ? null : $"{stored} of the two teams' records stored");
    }

    /// <summary>An unpriced record twice in one batch is one record: one unpriced, in the answer and in the unpriced-models count.</summary>
    public static async Task<CaseRun> UnpricedTwiceInABatch(FaultSystem system)
    {
        var record = Good() with { Model = "acme-unpriced-" + Guid.NewGuid().ToString("N")[..6] };
        var (_, body) = await system.Producer.PostAsync(new[] { record, record });
        var models = JsonDocument.Parse(await system.Ingestion.GetStringAsync(new Uri("/v1/unpriced-models", UriKind.Relative))).RootElement;
        var counted = models.EnumerateArray().Where(m => m.GetProperty("model").GetString() == record.Model).Sum(m => m.GetProperty("records").GetInt64());
        var answered = body.GetProperty("unpriced").GetInt32();
        return new CaseRun([record], answered == 1 && counted == 1 ? null : $"answer says {answered} unpriced, the unpriced-models count {counted}");
    }

    // Background traffic, then the hostile records in one batch with good ones; whatever the API accepted is "sent".
    private static async Task<CaseRun> HostileBatchAsync(FaultSystem system, IReadOnlyList<UsageRecorded> hostile)
    {
        var traffic = UsageTraffic.Start(system.Producer.SendAsync, recordsPerSecond: 20, recordsPerSend: 5, seed: 3);
        await Task.Delay(TimeSpan.FromSeconds(3));
        List<UsageRecorded> batch = [Good(), .. hostile, Good()];
        var (status, body) = await system.Producer.PostAsync(batch);
        var accepted = new List<UsageRecorded>();
        if (status == HttpStatusCode.Accepted)
        {
            var rejected = body.GetProperty("problems").EnumerateArray().Select(p => p.GetProperty("index").GetInt32()).ToHashSet();
            accepted.AddRange(batch.Where((_, index) => !rejected.Contains(index)));
        }

        await Task.Delay(TimeSpan.FromSeconds(3));
        var sent = (await traffic.StopAsync()).Concat(accepted).ToList();
        Console.WriteLine($"  the hostile batch: {(int)status}, {accepted.Count} of {batch.Count} accepted");
        return new CaseRun(sent, (int)status >= 500 ? $"answered {(int)status} for the whole batch" : null);
    }

    private static UsageRecorded Good()
    {
        var now = DateTimeOffset.UtcNow;
        return new UsageTrafficGenerator(Random.Shared.Next()).Between(now.AddHours(-1), now, 1).Single() with { RequestId = "fault-" + Guid.NewGuid().ToString("N") };
    }
}
