using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Marten;
using Npgsql;
using TokenOptimizer.Contracts;
using TokenOptimizer.Testing;
using TokenOptimizer.UsageLog;
using Xunit;

namespace TokenOptimizer.Ingestion.IntegrationTests;

/// <summary>
/// A database an older version wrote (its own <c>events</c> table, some usage streams still keyed by request id alone)
/// is copied into Marten's tables when Ingestion first starts on it: once, every event kept with its sequence number,
/// the old streams moved to their team-scoped ids, and what it held stays deduplicated; then the old table is gone.
/// </summary>
public sealed class MigratingTheOldEventLog(MigratingTheOldEventLog.OldLog host) : IClassFixture<MigratingTheOldEventLog.OldLog>
{
    [Fact]
    public async Task StartingOnAnOldLog_CopiesEveryEventWithItsSequenceAndDropsTheOldTable()
    {
        // (another test of the class may have stored a new record since: after the old ones)
        var old = $"seq_id <= {host.OldSequences[^1]}";
        Assert.Equal(host.OldEventCount, await host.ScalarAsync<long>($"SELECT count(*) FROM {EventStoreTables.Events} WHERE {old}"));
        Assert.Equal(host.OldStreamCount, await host.ScalarAsync<long>($"SELECT count(DISTINCT stream_id) FROM {EventStoreTables.Events} WHERE {old}"));
        Assert.Equal(host.OldSequences, await host.ScalarAsync<long[]>($"SELECT array_agg(seq_id ORDER BY seq_id) FROM {EventStoreTables.Events} WHERE {old}"));
        Assert.Equal(0L, await host.ScalarAsync<long>($"SELECT count(*) FROM {EventStoreTables.Events} WHERE starts_with(stream_id, 'usage-')"));
        Assert.False(await host.ScalarAsync<bool>("SELECT to_regclass('public.events') IS NOT NULL"));
        foreach (var record in host.OldRecords)
        {
            Assert.Equal(record.InputTokens, (await host.FindIngestedAsync(record))!.Usage.InputTokens);
        }

        var repriced = await host.Store.FetchStreamAsync(UsageStreams.For(host.OldRecords[0]));
        Assert.Equal(["usage_ingested", "usage_repriced"], repriced.Select(e => e.Type));
    }

    [Fact]
    public async Task OldRecordSentAgain_IsStillADuplicate_AndANewOneGetsTheNextSequence()
    {
        var answer = await host.Http.PostAsJsonAsync("/v1/usage", host.OldRecords.Take(3).Append(SampleUsage.Gpt4o()));

        Assert.Equal(HttpStatusCode.Accepted, answer.StatusCode);
        var body = await answer.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal((1, 3), (body.GetProperty("accepted").GetInt32(), body.GetProperty("duplicates").GetInt32()));
        Assert.True(await host.ScalarAsync<long>($"SELECT max(seq_id) FROM {EventStoreTables.Events}") > host.OldSequences[^1]);
    }

    [Fact]
    public async Task ConcurrentFirstStarts_CopyEachEventOnce()
    {
        // Given another old log, never migrated
        var database = new PostgresDatabaseFixture();
        await database.InitializeAsync();
        try
        {
            await using var dataSource = NpgsqlDataSource.Create(database.ConnectionString);
            var (records, events, streams, _) = await OldLog.WriteAsync(dataSource);

            // When three instances start on it at once
            var stores = Enumerable.Range(0, 3).Select(_ => DocumentStore.For(o => { o.Connection(dataSource); UsageEventStore.Configure(o); })).ToList();
            await Task.WhenAll(stores.Select(store => Task.Run(() => EventStoreSetup.PrepareAsync(store, dataSource, "public", CancellationToken.None))));

            // Then every event and stream is there once
            await using var count = dataSource.CreateCommand($"SELECT (SELECT count(*) FROM {EventStoreTables.Events}), (SELECT count(*) FROM {EventStoreTables.Streams})");
            await using var reader = await count.ExecuteReaderAsync();
            await reader.ReadAsync();
            Assert.Equal((events, streams), (reader.GetInt64(0), reader.GetInt64(1)));
            foreach (var record in records)
            {
                Assert.Single(await stores[0].FetchStreamAsync(UsageStreams.For(record)), e => e.Type == "usage_ingested");
            }

            stores.ForEach(s => s.Dispose());
        }
        finally
        {
            await database.DisposeAsync();
        }
    }

    /// <summary>Ingestion started on a log an older version wrote: calls of two teams and of none, one of them re-priced.</summary>
    public sealed class OldLog : IngestionHost
    {
        // The old log's table as the older versions created it.
        private const string OldDdl = """
            CREATE TABLE events (
                seq         bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
                stream_id   text        NOT NULL,
                version     integer     NOT NULL,
                type        text        NOT NULL,
                data        jsonb       NOT NULL,
                metadata    jsonb,
                recorded_at timestamptz NOT NULL DEFAULT now(),
                CONSTRAINT events_stream_version UNIQUE (stream_id, version)
            );
            """;

        public IReadOnlyList<UsageRecorded> OldRecords { get; private set; } = [];

        public long OldEventCount { get; private set; }

        public long OldStreamCount { get; private set; }

        public long[] OldSequences { get; private set; } = [];

        /// <summary>30 calls (half under the request-id-only keys of the oldest versions), one re-priced, and a price; sequence gaps as a real log has.</summary>
        public static async Task<(List<UsageRecorded> Records, long Events, long Streams, long[] Sequences)> WriteAsync(NpgsqlDataSource dataSource)
        {
            var records = Enumerable.Range(0, 30)
                .Select(i => SampleUsage.Gpt4o() with { Team = (i % 3) switch { 0 => "support", 1 => "billing", _ => null }, InputTokens = 1000 + i })
                .ToList();
            var rows = records.Select((r, i) => (Stream: i % 2 == 0 ? "usage-" + r.RequestId : UsageStreams.For(r), Version: 1, Type: "usage_ingested", Data: (object)TestUsage.Ingested(r))).ToList();
            var original = TestUsage.Ingested(records[0]);
            rows.Add(("usage-" + records[0].RequestId, 2, "usage_repriced", new UsageRepriced
            {
                RequestId = records[0].RequestId, OccurredAt = records[0].OccurredAt, Previous = original.Cost,
                Current = TestUsage.CostOf(records[0], 0.5m), Reason = "old price", RepricedAt = records[0].OccurredAt,
            }));
            rows.Add((UsageStreams.ModelPrices, 1, "model_price_set", new ModelPriceSet
            {
                PriceVersion = "custom:1", Model = "old-model", EffectiveFrom = records[0].OccurredAt,
                Standard = new PerTokenRates { InputUsd = 0.000001m, OutputUsd = 0.000002m }, SetAt = records[0].OccurredAt,
            }));

            await using (var ddl = dataSource.CreateCommand(OldDdl))
            {
                await ddl.ExecuteNonQueryAsync();
            }

            for (var i = 0; i < rows.Count; i++)
            {
                if (i % 5 == 4)
                {
                    // A sequence number burnt, as a rolled-back append leaves one.
                    await using var burn = dataSource.CreateCommand("SELECT nextval(pg_get_serial_sequence('events', 'seq'))");
                    await burn.ExecuteNonQueryAsync();
                }

                var (stream, version, type, data) = rows[i];
                await using var insert = dataSource.CreateCommand("INSERT INTO events (stream_id, version, type, data) VALUES ($1, $2, $3, $4::jsonb)");
                insert.Parameters.Add(new NpgsqlParameter { Value = stream });
                insert.Parameters.Add(new NpgsqlParameter { Value = version });
                insert.Parameters.Add(new NpgsqlParameter { Value = type });
                insert.Parameters.Add(new NpgsqlParameter { Value = JsonSerializer.Serialize(data, data.GetType(), UsageEventStore.Json) });
                await insert.ExecuteNonQueryAsync();
            }

            await using var sequences = dataSource.CreateCommand("SELECT array_agg(seq ORDER BY seq) FROM events");
            var sequence = (long[])(await sequences.ExecuteScalarAsync())!;
            return (records, rows.Count, rows.Select(r => r.Stream).Distinct().Count(), sequence);
        }

        protected override async Task BeforeStartAsync(string connectionString)
        {
            await using var dataSource = NpgsqlDataSource.Create(connectionString);
            (var records, OldEventCount, OldStreamCount, OldSequences) = await WriteAsync(dataSource);
            OldRecords = records;
        }
    }
}
