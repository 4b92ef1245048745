using System.Collections.Concurrent;
using Npgsql;
using NpgsqlTypes;
using TokenOptimizer.ReadModels;

namespace TokenOptimizer.Aggregation.RollingUpUsage;

/// <summary>
/// Adds a page's cells to rollup tables: reads the stored sketches of the touched rows, merges them in memory, then one
/// <c>INSERT … SELECT FROM unnest(…) ON CONFLICT DO UPDATE</c> per table adds every counter. A table's key
/// (<see cref="RollupTableKey{TKey}"/>) is every dimension for the full rollups and totals, one for the per-dimension ones.
/// </summary>
internal static class RollupWriter
{
    private static readonly string[] Measures = [.. UsageRollupTables.CountColumns, .. UsageRollupTables.AmountColumns];
    private static readonly ConcurrentDictionary<string, (string SelectSketches, string Upsert)> Sql = new(StringComparer.Ordinal);

    /// <summary>Every column of a table keyed by <paramref name="key"/>, in table order.</summary>
    public static string ColumnsOf<TKey>(RollupTableKey<TKey> key) where TKey : notnull =>
        string.Join(", ", [key.Columns, .. Measures, "latency_sketch", "ttft_sketch"]);

    /// <summary>The cells of one table, for <see cref="WriteAsync"/>.</summary>
    public static TableWrite For<TKey>(string table, RollupTableKey<TKey> key, Dictionary<TKey, RollupCell> cells) where TKey : notnull =>
        new TableWrite<TKey>(table, key, cells);

    /// <summary>
    /// Adds a page's cells to their tables in two round trips: one batch reads the stored sketches of every table's touched
    /// rows, one upserts them all (a statement and a round trip per table before: 18 for the rollups' nine tables, most of a
    /// small page's write time).
    /// </summary>
    public static async Task WriteAsync(IEnumerable<TableWrite> writes, NpgsqlConnection connection, NpgsqlTransaction transaction, CancellationToken cancellationToken)
    {
        var touched = writes.Where(w => w.HasCells).ToList();
        if (touched.Count == 0)
        {
            return;
        }

        await using (var select = new NpgsqlBatch(connection, transaction))
        {
            foreach (var write in touched)
            {
                select.BatchCommands.Add(write.SelectSketches());
            }

            await using var reader = await select.ExecuteReaderAsync(cancellationToken);
            foreach (var write in touched)
            {
                await write.MergeStoredSketchesAsync(reader, cancellationToken);
                await reader.NextResultAsync(cancellationToken);
            }
        }

        await using var upsert = new NpgsqlBatch(connection, transaction);
        foreach (var write in touched)
        {
            upsert.BatchCommands.Add(write.Upsert());
        }

        await upsert.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>One table's share of a page: its statements, and the merge of its stored sketches into the cells.</summary>
    internal abstract class TableWrite
    {
        public abstract bool HasCells { get; }

        public abstract NpgsqlBatchCommand SelectSketches();

        /// <summary>Merges the stored sketches of the current result (<see cref="SelectSketches"/>) into the cells.</summary>
        public abstract Task MergeStoredSketchesAsync(NpgsqlDataReader reader, CancellationToken cancellationToken);

        public abstract NpgsqlBatchCommand Upsert();
    }

    private sealed class TableWrite<TKey>(string table, RollupTableKey<TKey> key, Dictionary<TKey, RollupCell> cells) : TableWrite
        where TKey : notnull
    {
        private readonly (string SelectSketches, string Upsert) _sql = Sql.GetOrAdd(table, _ => (BuildSelect(table, key), BuildUpsert(table, key)));
        private readonly TKey[] _keys = [.. cells.Keys];

        public override bool HasCells => _keys.Length > 0;

        public override NpgsqlBatchCommand SelectSketches()
        {
            var select = new NpgsqlBatchCommand(_sql.SelectSketches);
            select.Parameters.AddRange(key.Parameters(_keys).ToArray());
            // The key's time range lets the primary key's bucket column narrow the scan to the batch's buckets.
            select.Parameters.Add(new NpgsqlParameter { Value = _keys.Min(key.BucketOf), NpgsqlDbType = NpgsqlDbType.TimestampTz });
            select.Parameters.Add(new NpgsqlParameter { Value = _keys.Max(key.BucketOf), NpgsqlDbType = NpgsqlDbType.TimestampTz });
            return select;
        }

        public override async Task MergeStoredSketchesAsync(NpgsqlDataReader reader, CancellationToken cancellationToken)
        {
            var sketches = 1 + key.TextColumns.Count;
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

        public override NpgsqlBatchCommand Upsert()
        {
            var rows = _keys.Select(k => cells[k]).ToArray();
            var upsert = new NpgsqlBatchCommand(_sql.Upsert);
            upsert.Parameters.AddRange(key.Parameters(_keys).ToArray());
            for (var c = 0; c < UsageRollupTables.CountColumns.Length; c++)
            {
                var column = new long[rows.Length];
                for (var i = 0; i < rows.Length; i++)
                {
                    column[i] = rows[i].Counts[c];
                }

                upsert.Parameters.Add(new NpgsqlParameter { Value = column });
            }

            for (var a = 0; a < UsageRollupTables.AmountColumns.Length; a++)
            {
                var column = new decimal[rows.Length];
                for (var i = 0; i < rows.Length; i++)
                {
                    column[i] = rows[i].Amounts[a];
                }

                upsert.Parameters.Add(new NpgsqlParameter { Value = column });
            }

            upsert.Parameters.Add(new NpgsqlParameter { Value = rows.Select(r => SketchBytes(r.Latency)).ToArray(), NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Bytea });
            upsert.Parameters.Add(new NpgsqlParameter { Value = rows.Select(r => SketchBytes(r.TimeToFirstToken)).ToArray(), NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Bytea });
            return upsert;
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
