using System.Diagnostics;
using Marten;
using Npgsql;
using NpgsqlTypes;
using TokenOptimizer.Bench.ProjectionThroughput;
using TokenOptimizer.Provisioning.Services;
using TokenOptimizer.ReadModels;
using TokenOptimizer.UsageLog;

namespace TokenOptimizer.Bench.QueryLatency;

/// <summary>
/// Fills a database as production does: generated usage events into Marten's event tables through Ingestion's COPY
/// path, then Aggregation (as its own process) catches every read model up on them through Marten's daemon. The same
/// records go into <c>raw_usage</c>, the plain table with a time index that a user would otherwise query with GROUP BY.
/// Loading is not what these benchmarks measure; the read models it leaves are exactly the service's.
/// </summary>
internal static class ReadModelLoader
{
    public const string RawTable = "raw_usage";

    // One COPY per 10,000 events, as the projection benchmark loads.
    private const int Batch = 10_000;

    /// <summary>Appends <paramref name="count"/> events spread over [from, to), and the same records to <see cref="RawTable"/>.</summary>
    public static async Task AppendAsync(string database, NpgsqlDataSource dataSource, int count, DateTimeOffset from, DateTimeOffset to)
    {
        using var store = DocumentStore.For(options =>
        {
            UsageEventStore.Configure(options);
            options.Connection(database);
        });
        await EventStoreSetup.PrepareAsync(store, dataSource, "public", CancellationToken.None);
        await ExecuteAsync(dataSource, $"""
            CREATE TABLE IF NOT EXISTS {RawTable} (occurred_at timestamptz NOT NULL, provider text NOT NULL, model text NOT NULL, feature text NOT NULL,
                team text NOT NULL, environment text NOT NULL, outcome text NOT NULL, input_tokens bigint NOT NULL, output_tokens bigint NOT NULL,
                cost_usd numeric, latency_ms double precision NOT NULL)
            """);
        var generator = new UsageEvents(seed: 9);
        var step = (to - from).Ticks / count;
        for (var first = 0; first < count; first += Batch)
        {
            var events = Enumerable.Range(first, Math.Min(Batch, count - first)).Select(i => generator.Next(from.AddTicks(step * i))).ToList();
            await UsageEvents.WriteAsync(store, dataSource, events);
            await CopyRawAsync(dataSource, events);
        }

        await ExecuteAsync(dataSource, $"CREATE INDEX IF NOT EXISTS {RawTable}_time_idx ON {RawTable} (occurred_at)");
        await ExecuteAsync(dataSource, $"VACUUM ANALYZE {EventStoreTables.Events}, {EventStoreTables.Streams}, {RawTable}");
    }

    /// <summary>Waits until <paramref name="aggregation"/>'s read models have applied every appended event, then analyses them.</summary>
    public static async Task WaitCaughtUpAsync(DotnetService aggregation, NpgsqlDataSource dataSource, TimeSpan timeout)
    {
        await using var last = dataSource.CreateCommand($"SELECT coalesce(max(seq_id), 0) FROM {EventStoreTables.Events}");
        var lastSequence = (long)(await last.ExecuteScalarAsync())!;
        var progress = new ReadModelProgress(dataSource);
        var clock = Stopwatch.StartNew();
        while (await progress.PositionAsync(CancellationToken.None) < lastSequence)
        {
            if (aggregation.HasExited || clock.Elapsed > timeout)
            {
                throw new InvalidOperationException($"Aggregation did not catch up on {lastSequence:N0} events in {clock.Elapsed}; see {aggregation.LogFile}");
            }

            await Task.Delay(200);
        }

        Console.WriteLine($"  read models caught up on {lastSequence:N0} events in {clock.Elapsed.TotalSeconds:0} s");
        await ExecuteAsync(dataSource, "ANALYZE");
    }

    private static async Task ExecuteAsync(NpgsqlDataSource dataSource, string sql)
    {
        await using var command = dataSource.CreateCommand(sql);
        command.CommandTimeout = 0;
        await command.ExecuteNonQueryAsync();
    }

    private static async Task CopyRawAsync(NpgsqlDataSource dataSource, List<UsageIngested> events)
    {
        await using var connection = await dataSource.OpenConnectionAsync();
        await using var writer = await connection.BeginBinaryImportAsync($"COPY {RawTable} FROM STDIN (FORMAT BINARY)");
        foreach (var usage in events)
        {
            var record = usage.Usage;
            await writer.StartRowAsync();
            await writer.WriteAsync(record.OccurredAt.UtcDateTime, NpgsqlDbType.TimestampTz);
            await writer.WriteAsync(record.Provider, NpgsqlDbType.Text);
            await writer.WriteAsync(record.Model, NpgsqlDbType.Text);
            await writer.WriteAsync(record.Feature ?? "default", NpgsqlDbType.Text);
            await writer.WriteAsync(record.Team ?? "", NpgsqlDbType.Text);
            await writer.WriteAsync(record.Environment ?? "", NpgsqlDbType.Text);
            await writer.WriteAsync(record.Outcome, NpgsqlDbType.Text);
            await writer.WriteAsync(record.InputTokens, NpgsqlDbType.Bigint);
            await writer.WriteAsync(record.OutputTokens, NpgsqlDbType.Bigint);
            if (usage.Cost.Priced)
            {
                await writer.WriteAsync(usage.Cost.TotalUsd, NpgsqlDbType.Numeric);
            }
            else
            {
                await writer.WriteNullAsync();
            }

            await writer.WriteAsync(record.LatencyMs, NpgsqlDbType.Double);
        }

        await writer.CompleteAsync();
    }
}
