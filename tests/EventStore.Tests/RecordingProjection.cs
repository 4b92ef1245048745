using Npgsql;

namespace TokenOptimizer.EventStore.Tests;

/// <summary>
/// A projection that writes one row per event it applies, so a test can count how often each event
/// was applied. It can be told to crash part-way through a batch, after writing some rows. It applies
/// only the streams named after it, since the test class's other tests share the database.
/// </summary>
internal sealed class RecordingProjection(string name, int? crashAfterRows = null, IReadOnlyCollection<string>? eventTypes = null) : IProjection
{
    private int _written;

    public string Name => name;

    public IReadOnlyCollection<string>? EventTypes => eventTypes;

    private string Table => "applied_" + name;

    public async Task EnsureTableAsync(NpgsqlDataSource dataSource)
    {
        await using var command = dataSource.CreateCommand($"CREATE TABLE IF NOT EXISTS {Table} (seq bigint NOT NULL, number int NOT NULL)");
        await command.ExecuteNonQueryAsync();
    }

    public async Task ApplyAsync(IReadOnlyList<StoredEvent> events, NpgsqlConnection connection, NpgsqlTransaction transaction, CancellationToken cancellationToken)
    {
        foreach (var stored in events)
        {
            if (stored.Data is not ThingHappened thing || !stored.StreamId.StartsWith(name + "-", StringComparison.Ordinal))
            {
                continue;
            }

            await using var insert = new NpgsqlCommand($"INSERT INTO {Table} (seq, number) VALUES ($1, $2)", connection, transaction);
            insert.Parameters.Add(new NpgsqlParameter { Value = stored.Sequence });
            insert.Parameters.Add(new NpgsqlParameter { Value = thing.Number });
            await insert.ExecuteNonQueryAsync(cancellationToken);
            if (++_written == crashAfterRows)
            {
                throw new InvalidOperationException("Simulated crash in the middle of a batch.");
            }
        }
    }

    public async Task ResetAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand($"DELETE FROM {Table}", connection, transaction);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    public async Task<(long Rows, long DistinctEvents)> CountAsync(NpgsqlDataSource dataSource)
    {
        await using var command = dataSource.CreateCommand($"SELECT count(*), count(DISTINCT seq) FROM {Table}");
        await using var reader = await command.ExecuteReaderAsync();
        await reader.ReadAsync();
        return (reader.GetInt64(0), reader.GetInt64(1));
    }

    public async Task<string> SnapshotAsync(NpgsqlDataSource dataSource)
    {
        await using var command = dataSource.CreateCommand($"SELECT coalesce(string_agg(seq || ':' || number, ',' ORDER BY seq), '') FROM {Table}");
        return (string)(await command.ExecuteScalarAsync())!;
    }
}
