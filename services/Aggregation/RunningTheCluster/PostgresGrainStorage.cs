using System.Globalization;
using System.Text.Json;
using Npgsql;
using NpgsqlTypes;
using Orleans.Runtime;
using Orleans.Storage;
using TokenOptimizer.Aggregation.PublishingAlerts;
using TokenOptimizer.ReadModels;

namespace TokenOptimizer.Aggregation.RunningTheCluster;

/// <summary>
/// Grain state in PostgreSQL, one row per state name and grain in <see cref="GrainStateTable"/>, as JSON that
/// its readers (<see cref="ProviderHealthReader"/>, <see cref="BudgetStatusReader"/>) read for every service. Why our own <see cref="IGrainStorage"/> rather than
/// the ADO.NET provider (besides its missing PostgreSQL scripts, see <see cref="PostgresMembershipTable"/>): it stores
/// state as an opaque serializer payload no reader can query, and it cannot write anything beside the state in the
/// same transaction — which the alert outbox needs (<see cref="IAlertingState"/>). Marten documents would do the JSON
/// part too, but Marten is not yet this service's store. Writes are optimistic: each row's etag counts its writes, and
/// a write from a stale activation (another one wrote meanwhile) fails with <see cref="InconsistentStateException"/>.
/// </summary>
public sealed class PostgresGrainStorage(NpgsqlDataSource dataSource) : IGrainStorage
{
    public const string Name = "postgres";

    public async Task ReadStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        await using var command = dataSource.CreateCommand($"SELECT etag, state::text FROM {GrainStateTable.Name} WHERE state_name = $1 AND grain_id = $2");
        command.Parameters.Add(new NpgsqlParameter { Value = stateName });
        command.Parameters.Add(new NpgsqlParameter { Value = grainId.ToString() });
        await using var reader = await command.ExecuteReaderAsync();
        if (await reader.ReadAsync())
        {
            grainState.State = JsonSerializer.Deserialize<T>(reader.GetString(1), GrainStateTable.Json)!;
            grainState.ETag = reader.GetInt64(0).ToString(CultureInfo.InvariantCulture);
            grainState.RecordExists = true;
        }
        else
        {
            grainState.ETag = null;
            grainState.RecordExists = false;
        }
    }

    public async Task WriteStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        await using var connection = await dataSource.OpenConnectionAsync();
        await using var transaction = await connection.BeginTransactionAsync();
        await using var write = new NpgsqlCommand(grainState.ETag is null
            ? $"""
              INSERT INTO {GrainStateTable.Name} (state_name, grain_id, grain_key, etag, state, written_at) VALUES ($1, $2, $3, 0, $4, now())
              ON CONFLICT DO NOTHING RETURNING etag
              """
            : $"""
              UPDATE {GrainStateTable.Name} SET etag = etag + 1, state = $4, written_at = now()
              WHERE state_name = $1 AND grain_id = $2 AND etag = $5 RETURNING etag
              """, connection, transaction);
        write.Parameters.Add(new NpgsqlParameter { Value = stateName });
        write.Parameters.Add(new NpgsqlParameter { Value = grainId.ToString() });
        write.Parameters.Add(new NpgsqlParameter { Value = grainId.Key.ToString() });
        write.Parameters.Add(new NpgsqlParameter { Value = JsonSerializer.Serialize(grainState.State, GrainStateTable.Json), NpgsqlDbType = NpgsqlDbType.Jsonb });
        write.Parameters.Add(new NpgsqlParameter { Value = long.TryParse(grainState.ETag, CultureInfo.InvariantCulture, out var etag) ? etag : -1 });
        if (await write.ExecuteScalarAsync() is not long written)
        {
            throw new InconsistentStateException($"Grain {grainId} state {stateName} changed since etag {grainState.ETag ?? "(none)"} was read.", await StoredEtagAsync(stateName, grainId), grainState.ETag);
        }

        if (grainState.State is IAlertingState { Outbox.Count: > 0 } alerting)
        {
            await AlertOutbox.AddAsync(alerting.Outbox, connection, transaction, CancellationToken.None);
        }

        await transaction.CommitAsync();
        grainState.ETag = written.ToString(CultureInfo.InvariantCulture);
        grainState.RecordExists = true;
    }

    public async Task ClearStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        await using var command = dataSource.CreateCommand($"DELETE FROM {GrainStateTable.Name} WHERE state_name = $1 AND grain_id = $2 AND etag = $3");
        command.Parameters.Add(new NpgsqlParameter { Value = stateName });
        command.Parameters.Add(new NpgsqlParameter { Value = grainId.ToString() });
        command.Parameters.Add(new NpgsqlParameter { Value = long.TryParse(grainState.ETag, CultureInfo.InvariantCulture, out var etag) ? etag : -1 });
        if (grainState.ETag is not null && await command.ExecuteNonQueryAsync() == 0)
        {
            throw new InconsistentStateException($"Grain {grainId} state {stateName} changed since etag {grainState.ETag} was read.", await StoredEtagAsync(stateName, grainId), grainState.ETag);
        }

        grainState.ETag = null;
        grainState.RecordExists = false;
    }

    private async Task<string> StoredEtagAsync(string stateName, GrainId grainId)
    {
        await using var command = dataSource.CreateCommand($"SELECT etag FROM {GrainStateTable.Name} WHERE state_name = $1 AND grain_id = $2");
        command.Parameters.Add(new NpgsqlParameter { Value = stateName });
        command.Parameters.Add(new NpgsqlParameter { Value = grainId.ToString() });
        return await command.ExecuteScalarAsync() is long stored ? stored.ToString(CultureInfo.InvariantCulture) : "(none)";
    }
}
