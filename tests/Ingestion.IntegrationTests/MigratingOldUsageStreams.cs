using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Npgsql;
using TokenOptimizer.Contracts;
using TokenOptimizer.EventStore;
using TokenOptimizer.EventStore.Schema;
using TokenOptimizer.Testing;
using TokenOptimizer.UsageLog;
using Xunit;

namespace TokenOptimizer.Ingestion.IntegrationTests;

/// <summary>
/// A log written before request ids were scoped to teams (<c>usage-&lt;request id&gt;</c> streams) is moved to the
/// team-scoped stream ids when Ingestion starts on it, once, and what it held stays deduplicated.
/// </summary>
public sealed class MigratingOldUsageStreams(MigratingOldUsageStreams.OldLog host) : IClassFixture<MigratingOldUsageStreams.OldLog>
{
    [Fact]
    public async Task StartingOnAnOldLog_MovesEveryStreamToItsTeamScopedId()
    {
        Assert.Equal(0L, await host.ScalarAsync<long>($"SELECT count(*) FROM {EventsTable.Name} WHERE starts_with(stream_id, 'usage-')"));
        Assert.Equal(host.OldEventCount, await host.ScalarAsync<long>($"SELECT count(*) FROM {EventsTable.Name}"));
        foreach (var record in host.OldRecords)
        {
            Assert.Equal(record.InputTokens, (await host.FindIngestedAsync(record))!.Usage.InputTokens);
        }

        var repriced = await host.Log.FetchStreamAsync(UsageStreams.For(host.OldRecords[0]));
        Assert.Equal(["usage_ingested", "usage_repriced"], repriced.Select(e => e.Type));
        Assert.Equal(1L, await host.ScalarAsync<long>($"SELECT count(*) FROM {UsageStreamKeyMigration.MigrationsTable} WHERE name = '{UsageStreamKeyMigration.Name}'"));
    }

    [Fact]
    public async Task OldRecordSentAgain_IsStillADuplicate()
    {
        var answer = await host.Http.PostAsJsonAsync("/v1/usage", host.OldRecords.Take(3));

        Assert.Equal(HttpStatusCode.Accepted, answer.StatusCode);
        var body = await answer.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal((0, 3), (body.GetProperty("accepted").GetInt32(), body.GetProperty("duplicates").GetInt32()));
    }

    [Fact]
    public async Task MigrationRunAgain_FindsItDone()
    {
        var runs = await Task.WhenAll(Enumerable.Range(0, 3).Select(_ => UsageStreamKeyMigration.RunAsync(host.DataSource)));

        Assert.Equal([0, 0, 0], runs);
    }

    [Fact]
    public async Task ConcurrentFirstRuns_MoveEachEventOnce()
    {
        // Given another old log, never migrated
        var database = new PostgresDatabaseFixture();
        await database.InitializeAsync();
        try
        {
            await using var dataSource = NpgsqlDataSource.Create(database.ConnectionString);
            var (records, events) = await OldLog.WriteAsync(dataSource);

            // When three instances start on it at once
            var runs = await Task.WhenAll(Enumerable.Range(0, 3).Select(_ => Task.Run(() => UsageStreamKeyMigration.RunAsync(dataSource))));

            // Then one of them moved every event and the others found it done
            Assert.Equal([0, 0, events], runs.Order());
            var log = new EventLog(dataSource, new EventTypeRegistry().AddUsageEvents());
            foreach (var record in records)
            {
                Assert.Single(await log.FetchStreamAsync(UsageStreams.For(record)), e => e.Type == "usage_ingested");
            }
        }
        finally
        {
            await database.DisposeAsync();
        }
    }

    /// <summary>Ingestion started on a log an older version wrote: calls of two teams and of none, one of them re-priced.</summary>
    public sealed class OldLog : IngestionHost
    {
        public IReadOnlyList<UsageRecorded> OldRecords { get; private set; } = [];

        public long OldEventCount { get; private set; }

        public static async Task<(List<UsageRecorded> Records, int Events)> WriteAsync(NpgsqlDataSource dataSource)
        {
            await EventLog.EnsureSchemaAsync(dataSource);
            var log = new EventLog(dataSource, new EventTypeRegistry().AddUsageEvents());
            var records = Enumerable.Range(0, 30)
                .Select(i => SampleUsage.Gpt4o() with { Team = (i % 3) switch { 0 => "support", 1 => "billing", _ => null }, InputTokens = 1000 + i })
                .ToList();
            await log.StartStreamsAsync(records.Select(r => new NewStream("usage-" + r.RequestId, TestUsage.Ingested(r))).ToList());
            var original = TestUsage.Ingested(records[0]);
            await log.AppendAsync("usage-" + records[0].RequestId, 1, [new UsageRepriced
            {
                RequestId = records[0].RequestId, OccurredAt = records[0].OccurredAt, Previous = original.Cost,
                Current = TestUsage.CostOf(records[0], 0.5m), Reason = "old price", RepricedAt = records[0].OccurredAt,
            }]);
            return (records, records.Count + 1);
        }

        protected override async Task BeforeStartAsync(string connectionString)
        {
            await using var dataSource = NpgsqlDataSource.Create(connectionString);
            (var records, OldEventCount) = await WriteAsync(dataSource);
            OldRecords = records;
        }
    }
}
