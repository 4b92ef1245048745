using Npgsql;

namespace TokenOptimizer.Aggregation.LoggingRequests;

/// <summary>A column of a counter table: its name and PostgreSQL type.</summary>
internal readonly record struct CounterColumn(string Name, string Type);

/// <summary>
/// Adds a batch of rows to a table of counters in one <c>INSERT … SELECT FROM unnest(…) ON CONFLICT DO UPDATE</c>:
/// a new key is inserted, an existing one has every measure incremented. This is RollupWriter's upsert without
/// its latency sketches, for any key and measures; one statement per batch however many rows it touches.
/// </summary>
internal sealed class CounterUpsert
{
    private readonly string _sql;
    private readonly int _columnCount;

    public CounterUpsert(string table, IReadOnlyList<CounterColumn> keys, IReadOnlyList<CounterColumn> measures)
    {
        var columns = keys.Concat(measures).ToList();
        _columnCount = columns.Count;
        var keyList = string.Join(", ", keys.Select(k => k.Name));
        _sql = $"""
            INSERT INTO {table} AS t ({string.Join(", ", columns.Select(c => c.Name))})
            SELECT * FROM unnest({string.Join(", ", columns.Select((c, i) => $"${i + 1}::{c.Type}[]"))})
            ON CONFLICT ({keyList}) DO UPDATE SET
                {string.Join(",\n    ", measures.Select(m => $"{m.Name} = t.{m.Name} + excluded.{m.Name}"))}
            """;
    }

    /// <summary>Writes the rows given column by column, keys then measures, in the constructor's order; arrays of equal length.</summary>
    public async Task ExecuteAsync(IReadOnlyList<Array> columns, NpgsqlConnection connection, NpgsqlTransaction transaction, CancellationToken cancellationToken)
    {
        if (columns.Count != _columnCount)
        {
            throw new ArgumentException($"Expected {_columnCount} columns, got {columns.Count}.", nameof(columns));
        }

        if (columns[0].Length == 0)
        {
            return;
        }

        await using var upsert = new NpgsqlCommand(_sql, connection, transaction);
        foreach (var column in columns)
        {
            upsert.Parameters.Add(new NpgsqlParameter { Value = column });
        }

        await upsert.ExecuteNonQueryAsync(cancellationToken);
    }
}
