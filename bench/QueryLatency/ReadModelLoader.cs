using Npgsql;
using NpgsqlTypes;
using TokenOptimizer.Aggregation.RollingUpUsage;
using TokenOptimizer.Bench.ProjectionThroughput;
using TokenOptimizer.EventStore;
using TokenOptimizer.UsageLog;

namespace TokenOptimizer.Bench.QueryLatency;

/// <summary>
/// Fills the usage rollups by running Aggregation's real rollup projection in process over generated events (the
/// log itself is skipped: it is not what this benchmark measures), and the same records into <c>raw_usage</c>, the
/// plain table with a time index that a user would otherwise query with GROUP BY.
/// </summary>
internal static class ReadModelLoader
{
    public const string RawTable = "raw_usage";

    public static async Task LoadAsync(NpgsqlDataSource dataSource, EventLog log, int count, DateTimeOffset from, DateTimeOffset to)
    {
        await using (var create = dataSource.CreateCommand($"""
            CREATE TABLE IF NOT EXISTS {RawTable} (occurred_at timestamptz NOT NULL, provider text NOT NULL, model text NOT NULL, feature text NOT NULL,
                team text NOT NULL, environment text NOT NULL, outcome text NOT NULL, input_tokens bigint NOT NULL, output_tokens bigint NOT NULL,
                cost_usd numeric, latency_ms double precision NOT NULL)
            """))
        {
            await create.ExecuteNonQueryAsync();
        }

        var rollups = new UsageRollupProjection(new UsageIngestedLookup(log));
        var generator = new UsageEvents(log.Types, seed: 9);
        var step = (to - from).Ticks / count;
        const int Batch = 50_000;
        for (var start = 0; start < count; start += Batch)
        {
            var events = new List<StoredEvent>(Batch);
            for (var i = start; i < Math.Min(count, start + Batch); i++)
            {
                var ingested = generator.Next(from.AddTicks(step * i));
                events.Add(new StoredEvent(i + 1, UsageStreams.For(ingested.Usage), 1, "usage_ingested", ingested, ingested.IngestedAt));
            }

            await using var connection = await dataSource.OpenConnectionAsync();
            await using var transaction = await connection.BeginTransactionAsync();
            await rollups.ApplyAsync(events, connection, transaction, CancellationToken.None);
            await CopyRawAsync(connection, events);
            await transaction.CommitAsync();
        }

        await using (var index = dataSource.CreateCommand($"CREATE INDEX IF NOT EXISTS {RawTable}_time_idx ON {RawTable} (occurred_at)"))
        {
            await index.ExecuteNonQueryAsync();
        }

        await using var vacuum = dataSource.CreateCommand("VACUUM ANALYZE");
        await vacuum.ExecuteNonQueryAsync();
    }

    private static async Task CopyRawAsync(NpgsqlConnection connection, List<StoredEvent> events)
    {
        await using var writer = await connection.BeginBinaryImportAsync($"COPY {RawTable} FROM STDIN (FORMAT BINARY)");
        foreach (var usage in events.Select(e => (UsageIngested)e.Data!))
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
