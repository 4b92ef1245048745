using Npgsql;
using TokenOptimizer.Aggregation.PublishingAlerts;
using TokenOptimizer.UsageLog;

namespace TokenOptimizer.Aggregation.RunningProjections;

/// <summary>
/// The progress of the projections of earlier versions (<c>projection_checkpoints</c>) and their dead letters
/// (<c>projection_errors</c>), moved to Marten's daemon once, after the old log itself was copied
/// (<see cref="OldEventLogMigration"/>, which keeps sequence numbers, so old positions stay valid):
/// when every old projection had reached the same event, the read models are kept and the composite projection goes on
/// from there; otherwise (some were behind) every read model is reset and rebuilt from the first event, since the
/// composite has one position for all. Old dead letters become Marten's, and alerts the old log holds are marked
/// published in the grains' outbox, so grains deciding them again announce none of them twice. Then both old tables are dropped.
/// </summary>
public static class OldCheckpoints
{
    public const string Table = "projection_checkpoints";

    public const string ErrorsTable = "projection_errors";

    /// <summary>Moves the old progress if there is any; returns whether the read models must be rebuilt.</summary>
    public static async Task<bool> MigrateAsync(
        IReadOnlyList<ReadModelProjection> readModels, NpgsqlConnection connection, NpgsqlTransaction transaction, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(readModels);
        if (!await ExistsAsync(Table, connection, transaction, cancellationToken))
        {
            return false;
        }

        var positions = new List<long>();
        await using (var read = new NpgsqlCommand($"SELECT coalesce(c.position, 0) FROM unnest($1::text[]) n(name) LEFT JOIN {Table} c ON c.name = n.name", connection, transaction))
        {
            read.Parameters.Add(new NpgsqlParameter { Value = readModels.Select(r => r.Name).ToArray() });
            await using var reader = await read.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                positions.Add(reader.GetInt64(0));
            }
        }

        var carried = positions.Distinct().Count() == 1 && positions[0] > 0;
        await ReadModelComposite.ForgetProgressAsync(readModels, connection, transaction, cancellationToken);

        if (carried)
        {
            await using var progress = new NpgsqlCommand($"""
                INSERT INTO {EventStoreTables.Progression} (name, last_seq_id) SELECT unnest($1::text[]), $2
                """, connection, transaction);
            progress.Parameters.Add(new NpgsqlParameter { Value = ReadModelComposite.ShardNames(readModels).ToArray() });
            progress.Parameters.Add(new NpgsqlParameter { Value = positions[0] });
            await progress.ExecuteNonQueryAsync(cancellationToken);
        }

        await MarkOldAlertsPublishedAsync(connection, transaction, cancellationToken);

        if (await ExistsAsync(ErrorsTable, connection, transaction, cancellationToken))
        {
            await using var letters = new NpgsqlCommand($"""
                INSERT INTO {EventStoreTables.DeadLetters} (id, data, mt_dotnet_type)
                SELECT e.id, jsonb_build_object('id', e.id, 'projectionName', '{ReadModelComposite.Name}', 'shardName', 'All',
                    'timestamp', recorded_at, 'exceptionMessage', projection || ': ' || reason, 'exceptionType', 'migrated', 'eventSequence', seq, 'eventType', type,
                    'tenantId', '*DEFAULT*'), 'JasperFx.Events.Daemon.DeadLetterEvent'
                FROM (SELECT DISTINCT ON (seq) gen_random_uuid() AS id, * FROM {ErrorsTable} ORDER BY seq, projection) e;
                DROP TABLE {ErrorsTable};
                """, connection, transaction);
            await letters.ExecuteNonQueryAsync(cancellationToken);
        }

        await using (var drop = new NpgsqlCommand($"DROP TABLE {Table}", connection, transaction))
        {
            await drop.ExecuteNonQueryAsync(cancellationToken);
        }

        return !carried;
    }

    // The alerts the old log holds went out long ago: in the outbox as published, under the id the grains give the same
    // decision (the old stream id is the alert id), so grains deciding them again from the copied events add nothing.
    private static async Task MarkOldAlertsPublishedAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, CancellationToken cancellationToken)
    {
        var old = new List<(string AlertId, string Type, string Body, DateTime At)>();
        await using (var read = new NpgsqlCommand($"SELECT stream_id, type, data::text, timestamp FROM {EventStoreTables.Events} WHERE type = ANY($1)", connection, transaction))
        {
            read.Parameters.Add(new NpgsqlParameter { Value = new[] { OutboxMessage.CircuitChangedType, OutboxMessage.ThresholdCrossedType } });
            await using var reader = await read.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                old.Add((reader.GetString(0), reader.GetString(1), reader.GetString(2), reader.GetDateTime(3)));
            }
        }

        if (old.Count == 0)
        {
            return;
        }

        await using var insert = new NpgsqlCommand($"""
            INSERT INTO {AlertOutbox.Table} (message_id, alert_id, message_type, body, created_at, published_at)
            SELECT m, a, t, b, at, at FROM unnest($1::uuid[], $2::text[], $3::text[], $4::jsonb[], $5::timestamptz[]) AS o(m, a, t, b, at)
            ON CONFLICT (message_id) DO NOTHING
            """, connection, transaction);
        insert.Parameters.Add(new NpgsqlParameter { Value = old.Select(o => OutboxMessage.IdFor(o.AlertId)).ToArray() });
        insert.Parameters.Add(new NpgsqlParameter { Value = old.Select(o => o.AlertId).ToArray() });
        insert.Parameters.Add(new NpgsqlParameter { Value = old.Select(o => o.Type).ToArray() });
        insert.Parameters.Add(new NpgsqlParameter { Value = old.Select(o => o.Body).ToArray(), NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Array | NpgsqlTypes.NpgsqlDbType.Jsonb });
        insert.Parameters.Add(new NpgsqlParameter { Value = old.Select(o => o.At).ToArray(), NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Array | NpgsqlTypes.NpgsqlDbType.TimestampTz });
        await insert.ExecuteNonQueryAsync(cancellationToken);
    }

    private static async Task<bool> ExistsAsync(string table, NpgsqlConnection connection, NpgsqlTransaction transaction, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand($"SELECT to_regclass('{table}') IS NOT NULL", connection, transaction);
        return (bool)(await command.ExecuteScalarAsync(cancellationToken))!;
    }
}
