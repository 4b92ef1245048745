using Npgsql;
using NpgsqlTypes;
using TokenOptimizer.Aggregation.RetainingUsage;
using TokenOptimizer.ReadModels;

namespace TokenOptimizer.Aggregation.RollingUpUsage;

/// <summary>
/// Adds a batch's cells to one rollup table: reads the stored sketches of the touched rows, merges them in
/// memory, then one <c>INSERT … SELECT FROM unnest(…) ON CONFLICT DO UPDATE</c> adds every counter.
/// </summary>
internal static class RollupWriter
{
    private const string KeyColumns = "bucket_start, provider, model, feature, team, environment, outcome";

    /// <summary>Every column of a rollup table.</summary>
    public static readonly string Columns = string.Join(", ", [KeyColumns, .. UsageRollupTables.CountColumns, .. UsageRollupTables.AmountColumns, "latency_sketch", "ttft_sketch"]);

    private static readonly string[] Tables = [.. RetiredTables.Rollups.SelectMany(t => new[] { t, RetiredTables.Of(t) })];
    private static readonly Dictionary<string, string> UpsertSql = Tables.ToDictionary(t => t, BuildUpsert);
    private static readonly Dictionary<string, string> SelectSketchesSql = Tables.ToDictionary(t => t, BuildSelect);

    public static async Task WriteAsync(string table, Dictionary<RollupKey, RollupCell> cells, NpgsqlConnection connection, NpgsqlTransaction transaction, CancellationToken cancellationToken)
    {
        if (cells.Count == 0)
        {
            return;
        }

        var keys = cells.Keys.ToArray();
        await MergeStoredSketchesAsync(table, keys, cells, connection, transaction, cancellationToken);

        var rows = keys.Select(k => cells[k]).ToArray();
        await using var upsert = new NpgsqlCommand(UpsertSql[table], connection, transaction);
        AddKeyParameters(upsert, keys);
        for (var c = 0; c < UsageRollupTables.CountColumns.Length; c++)
        {
            var column = new long[keys.Length];
            for (var i = 0; i < keys.Length; i++)
            {
                column[i] = rows[i].Counts[c];
            }

            upsert.Parameters.Add(new NpgsqlParameter { Value = column });
        }

        for (var a = 0; a < UsageRollupTables.AmountColumns.Length; a++)
        {
            var column = new decimal[keys.Length];
            for (var i = 0; i < keys.Length; i++)
            {
                column[i] = rows[i].Amounts[a];
            }

            upsert.Parameters.Add(new NpgsqlParameter { Value = column });
        }

        upsert.Parameters.Add(new NpgsqlParameter { Value = rows.Select(r => SketchBytes(r.Latency)).ToArray(), NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Bytea });
        upsert.Parameters.Add(new NpgsqlParameter { Value = rows.Select(r => SketchBytes(r.TimeToFirstToken)).ToArray(), NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Bytea });
        await upsert.ExecuteNonQueryAsync(cancellationToken);
    }

    private static async Task MergeStoredSketchesAsync(string table, RollupKey[] keys, Dictionary<RollupKey, RollupCell> cells, NpgsqlConnection connection, NpgsqlTransaction transaction, CancellationToken cancellationToken)
    {
        await using var select = new NpgsqlCommand(SelectSketchesSql[table], connection, transaction);
        AddKeyParameters(select, keys);
        // The key's time range lets the primary key's leading column narrow the scan to the batch's buckets.
        select.Parameters.Add(new NpgsqlParameter { Value = keys.Min(k => k.BucketStart), NpgsqlDbType = NpgsqlDbType.TimestampTz });
        select.Parameters.Add(new NpgsqlParameter { Value = keys.Max(k => k.BucketStart), NpgsqlDbType = NpgsqlDbType.TimestampTz });
        await using var reader = await select.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            var key = new RollupKey(
                reader.GetDateTime(0),
                new RollupDimensions(reader.GetString(1), reader.GetString(2), reader.GetString(3), reader.GetString(4), reader.GetString(5), reader.GetString(6)));
            var cell = cells[key];
            if (!cell.Latency.IsEmpty && !await reader.IsDBNullAsync(7, cancellationToken))
            {
                cell.Latency.MergeBytes((byte[])reader.GetValue(7));
            }

            if (!cell.TimeToFirstToken.IsEmpty && !await reader.IsDBNullAsync(8, cancellationToken))
            {
                cell.TimeToFirstToken.MergeBytes((byte[])reader.GetValue(8));
            }
        }
    }

    // Null keeps the stored sketch (a re-price adds no latency).
    private static byte[]? SketchBytes(LatencySketch sketch) => sketch.IsEmpty ? null : sketch.ToBytes();

    private static void AddKeyParameters(NpgsqlCommand command, RollupKey[] keys)
    {
        command.Parameters.Add(new NpgsqlParameter { Value = keys.Select(k => k.BucketStart).ToArray(), NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.TimestampTz });
        command.Parameters.Add(new NpgsqlParameter { Value = keys.Select(k => k.Dimensions.Provider).ToArray() });
        command.Parameters.Add(new NpgsqlParameter { Value = keys.Select(k => k.Dimensions.Model).ToArray() });
        command.Parameters.Add(new NpgsqlParameter { Value = keys.Select(k => k.Dimensions.Feature).ToArray() });
        command.Parameters.Add(new NpgsqlParameter { Value = keys.Select(k => k.Dimensions.Team).ToArray() });
        command.Parameters.Add(new NpgsqlParameter { Value = keys.Select(k => k.Dimensions.Environment).ToArray() });
        command.Parameters.Add(new NpgsqlParameter { Value = keys.Select(k => k.Dimensions.Outcome).ToArray() });
    }

    private static string BuildSelect(string table) => $"""
        SELECT r.bucket_start, r.provider, r.model, r.feature, r.team, r.environment, r.outcome, r.latency_sketch, r.ttft_sketch
        FROM {table} r
        JOIN unnest($1::timestamptz[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[]) AS k(b, p, m, f, t, e, o)
          ON r.bucket_start = k.b AND r.provider = k.p AND r.model = k.m AND r.feature = k.f AND r.team = k.t AND r.environment = k.e AND r.outcome = k.o
        WHERE r.bucket_start >= $8 AND r.bucket_start <= $9
        """;

    private static string BuildUpsert(string table)
    {
        var measures = UsageRollupTables.CountColumns.Concat(UsageRollupTables.AmountColumns).ToArray();
        var parameter = 8;
        var arrays = new List<string>();
        arrays.AddRange(UsageRollupTables.CountColumns.Select(_ => $"${parameter++}::bigint[]").ToList());
        arrays.AddRange(UsageRollupTables.AmountColumns.Select(_ => $"${parameter++}::numeric[]").ToList());
        arrays.Add($"${parameter++}::bytea[]");
        arrays.Add($"${parameter}::bytea[]");
        return $"""
            INSERT INTO {table} AS t ({KeyColumns}, {string.Join(", ", measures)}, latency_sketch, ttft_sketch)
            SELECT * FROM unnest($1::timestamptz[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[], {string.Join(", ", arrays)})
            ON CONFLICT ({KeyColumns}) DO UPDATE SET
                {string.Join(",\n    ", measures.Select(m => $"{m} = t.{m} + excluded.{m}"))},
                latency_sketch = coalesce(excluded.latency_sketch, t.latency_sketch),
                ttft_sketch = coalesce(excluded.ttft_sketch, t.ttft_sketch)
            """;
    }
}
