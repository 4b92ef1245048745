using Npgsql;
using NpgsqlTypes;
using TokenOptimizer.ReadModels;

namespace TokenOptimizer.Aggregation.RollingUpUsage;

/// <summary>
/// The key of a rollup table as <see cref="RollupWriter"/> writes it: <c>bucket_start</c>, then text columns, each
/// filled from a batch's keys and read back into a key.
/// </summary>
internal sealed class RollupTableKey<TKey>(IReadOnlyList<string> textColumns, Func<TKey, DateTime> bucketOf, Func<TKey, int, string> textOf, Func<DateTime, string[], TKey> keyOf)
    where TKey : notnull
{
    public IReadOnlyList<string> TextColumns => textColumns;

    /// <summary>The key's columns, comma-separated, bucket first.</summary>
    public string Columns { get; } = string.Join(", ", ["bucket_start", .. textColumns]);

    public DateTime BucketOf(TKey key) => bucketOf(key);

    /// <summary>The key columns' values as one array each, in <see cref="Columns"/> order: the upsert's first parameters.</summary>
    public IEnumerable<NpgsqlParameter> Parameters(TKey[] keys) =>
    [
        new NpgsqlParameter { Value = keys.Select(bucketOf).ToArray(), NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.TimestampTz },
        .. textColumns.Select((_, i) => new NpgsqlParameter { Value = keys.Select(k => textOf(k, i)).ToArray() }),
    ];

    /// <summary>The key of the row <paramref name="reader"/> is on, from its first columns (<see cref="Columns"/>).</summary>
    public TKey Read(NpgsqlDataReader reader) => keyOf(reader.GetDateTime(0), [.. textColumns.Select((_, i) => reader.GetString(1 + i))]);
}

/// <summary>The keys of the rollups' tables.</summary>
internal static class RollupTableKeys
{
    /// <summary>The full rollups and their totals: bucket and every dimension.</summary>
    public static RollupTableKey<RollupKey> ByAllDimensions { get; } = new(
        UsageRollupTables.DimensionColumns, k => k.BucketStart, (k, i) => i switch
        {
            0 => k.Dimensions.Provider, 1 => k.Dimensions.Model, 2 => k.Dimensions.Feature, 3 => k.Dimensions.Team, 4 => k.Dimensions.Environment, _ => k.Dimensions.Outcome,
        },
        (bucket, values) => new RollupKey(bucket, new RollupDimensions(values[0], values[1], values[2], values[3], values[4], values[5])));

    /// <summary>The per-dimension rollups: bucket, dimension and value.</summary>
    public static RollupTableKey<DimensionKey> ByOneDimension { get; } = new(
        ["dimension", "value"], k => k.BucketStart, (k, i) => i == 0 ? k.Dimension : k.Value, (bucket, values) => new DimensionKey(bucket, values[0], values[1]));
}
