using System.Text.Json;
using Npgsql;
using NpgsqlTypes;
using TokenOptimizer.Access.Http;

namespace TokenOptimizer.Ingestion.Quarantining;

/// <summary>
/// Keeps rejected records with their reasons, and lists them for whoever fixes the producer. What is kept is made
/// storable first (<see cref="StorableJson"/>): a record refused for a U+0000 must not fail the quarantine too.
/// </summary>
public sealed class Quarantine(NpgsqlDataSource dataSource)
{
    public async Task KeepAsync(IReadOnlyList<QuarantinedRecord> records, CancellationToken cancellationToken)
    {
        if (records.Count == 0)
        {
            return;
        }

        await using var command = dataSource.CreateCommand(
            $"""
            INSERT INTO {QuarantineTable.Name} (source, request_id, record, reasons)
            SELECT * FROM unnest($1::text[], $2::text[], $3::jsonb[], $4::jsonb[])
            """);
        command.Parameters.Add(new NpgsqlParameter { Value = records.Select(r => r.Source).ToArray() });
        command.Parameters.Add(new NpgsqlParameter { Value = records.Select(r => r.RequestId is null ? null : StorableText.Clean(r.RequestId)).ToArray(), NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Text });
        command.Parameters.Add(new NpgsqlParameter { Value = records.Select(r => r.RecordJson).ToArray(), NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Jsonb });
        command.Parameters.Add(new NpgsqlParameter { Value = records.Select(r => StorableJson.Of(JsonSerializer.SerializeToElement(r.Reasons))).ToArray(), NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Jsonb });
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    public async Task<IReadOnlyList<QuarantinedRecord>> ListAsync(int limit, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(
            $"SELECT source, request_id, record::text, reasons::text, received_at FROM {QuarantineTable.Name} ORDER BY id DESC LIMIT $1");
        command.Parameters.Add(new NpgsqlParameter { Value = limit });
        var records = new List<QuarantinedRecord>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            records.Add(new QuarantinedRecord(
                reader.GetString(0),
                await reader.IsDBNullAsync(1, cancellationToken) ? null : reader.GetString(1),
                reader.GetString(2),
                JsonSerializer.Deserialize<Dictionary<string, string[]>>(reader.GetString(3))!,
                new DateTimeOffset(reader.GetDateTime(4), TimeSpan.Zero)));
        }

        return records;
    }
}
