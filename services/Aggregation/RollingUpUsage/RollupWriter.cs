using System.Collections.Concurrent;
using Npgsql;
using NpgsqlTypes;
using TokenOptimizer.ReadModels;

namespace TokenOptimizer.Aggregation.RollingUpUsage;

/// <summary>
/// Adds a batch's cells to one rollup table: reads the stored sketches of the touched rows, merges them in
/// memory, then one <c>INSERT … SELECT FROM unnest(…) ON CONFLICT DO UPDATE</c> adds every counter. The table's key
/// (<see cref="RollupTableKey{TKey}"/>) is every dimension for the full rollups and totals, one for the per-dimension ones.
/// </summary>
internal static class RollupWriter
{
    private static readonly string[] Measures = [.. UsageRollupTables.CountColumns, .. UsageRollupTables.AmountColumns];
    private static readonly ConcurrentDictionary<string, (string SelectSketches, string Upsert)> Sql = new(StringComparer.Ordinal);

    /// <summary>Every column of a table keyed by <paramref name="key"/>, in table order.</summary>
    public static string ColumnsOf<TKey>(RollupTableKey<TKey> key) where TKey : notnull =>
        string.Join(", ", [key.Columns, .. Measures, "latency_sketch", "ttft_sketch"]);

    public static async Task WriteAsync<TKey>(
        string table, RollupTableKey<TKey> key, Dictionary<TKey, RollupCell> cells, NpgsqlConnection connection, NpgsqlTransaction transaction, CancellationToken cancellationToken)
        where TKey : notnull
    {
        if (cells.Count == 0)
        {
            return;
        }

        var sql = Sql.GetOrAdd(table, _ => (BuildSelect(table, key), BuildUpsert(table, key)));
        var keys = cells.Keys.ToArray();
        await MergeStoredSketchesAsync(sql.SelectSketches, key, keys, cells, connection, transaction, cancellationToken);

        var rows = keys.Select(k => cells[k]).ToArray();
        await using var upsert = new NpgsqlCommand(sql.Upsert, connection, transaction);
        upsert.Parameters.AddRange(key.Parameters(keys).ToArray());
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

    private static async Task MergeStoredSketchesAsync<TKey>(
        string sql, RollupTableKey<TKey> key, TKey[] keys, Dictionary<TKey, RollupCell> cells, NpgsqlConnection connection, NpgsqlTransaction transaction,
        CancellationToken cancellationToken)
        where TKey : notnull
    {
        await using var select = new NpgsqlCommand(sql, connection, transaction);
        select.Parameters.AddRange(key.Parameters(keys).ToArray());
        // The key's time range lets the primary key's bucket column narrow the scan to the batch's buckets.
        select.Parameters.Add(new NpgsqlParameter { Value = keys.Min(key.BucketOf), NpgsqlDbType = NpgsqlDbType.TimestampTz });
        select.Parameters.Add(new NpgsqlParameter { Value = keys.Max(key.BucketOf), NpgsqlDbType = NpgsqlDbType.TimestampTz });
        var sketches = 1 + key.TextColumns.Count;
        await using var reader = await select.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            var cell = cells[key.Read(reader)];
            if (!cell.Latency.IsEmpty && !await reader.IsDBNullAsync(sketches, cancellationToken))
            {
                cell.Latency.MergeBytes((byte[])reader.GetValue(sketches));
            }

            if (!cell.TimeToFirstToken.IsEmpty && !await reader.IsDBNullAsync(sketches + 1, cancellationToken))
            {
                cell.TimeToFirstToken.MergeBytes((byte[])reader.GetValue(sketches + 1));
            }
        }
    }

    // Null keeps the stored sketch (a re-price adds no latency).
    private static byte[]? SketchBytes(LatencySketch sketch) => sketch.IsEmpty ? null : sketch.ToBytes();

    // The key arrays' casts, bucket first: $1::timestamptz[], $2::text[], …
    private static string KeyArrays<TKey>(RollupTableKey<TKey> key) where TKey : notnull =>
        string.Join(", ", ["$1::timestamptz[]", .. key.TextColumns.Select((_, i) => $"${i + 2}::text[]")]);

    private static string BuildSelect<TKey>(string table, RollupTableKey<TKey> key) where TKey : notnull
    {
        var columns = key.Columns.Split(", ");
        var after = columns.Length;
        return $"""
            SELECT {string.Join(", ", columns.Select(c => "r." + c))}, r.latency_sketch, r.ttft_sketch
            FROM {table} r
            JOIN unnest({KeyArrays(key)}) AS k({key.Columns}) ON {string.Join(" AND ", columns.Select(c => $"r.{c} = k.{c}"))}
            WHERE r.bucket_start >= ${after + 1} AND r.bucket_start <= ${after + 2}
            """;
    }

    private static string BuildUpsert<TKey>(string table, RollupTableKey<TKey> key) where TKey : notnull
    {
        var parameter = 2 + key.TextColumns.Count;
        var arrays = new List<string>();
        arrays.AddRange(UsageRollupTables.CountColumns.Select(_ => $"${parameter++}::bigint[]"));
        arrays.AddRange(UsageRollupTables.AmountColumns.Select(_ => $"${parameter++}::numeric[]"));
        arrays.Add($"${parameter++}::bytea[]");
        arrays.Add($"${parameter}::bytea[]");
        return $"""
            INSERT INTO {table} AS t ({key.Columns}, {string.Join(", ", Measures)}, latency_sketch, ttft_sketch)
            SELECT * FROM unnest({KeyArrays(key)}, {string.Join(", ", arrays)})
            ON CONFLICT ({key.Columns}) DO UPDATE SET
                {string.Join(",\n    ", Measures.Select(m => $"{m} = t.{m} + excluded.{m}"))},
                latency_sketch = coalesce(excluded.latency_sketch, t.latency_sketch),
                ttft_sketch = coalesce(excluded.ttft_sketch, t.ttft_sketch)
            """;
    }
}
