using Npgsql;

namespace TokenOptimizer.ReadModels;

/// <summary>
/// Cost and volume per value of one column, as the usage rollups and the user rollup both answer it: the same measures
/// under the same names, summed the same way, so a split by user adds up like any other split.
/// </summary>
internal static class CostSumsSql
{
    public const string Measures = "request_count, input_tokens, output_tokens, priced_count, unpriced_count, cost_total_usd";

    /// <summary>The sums of <paramref name="rows"/> (a relation of <paramref name="column"/> and <see cref="Measures"/>) per value of the column.</summary>
    public static string GroupedBy(string column, string rows) => $"""
        SELECT {column}, sum(request_count)::bigint, sum(input_tokens)::bigint, sum(output_tokens)::bigint,
               sum(priced_count)::bigint, sum(unpriced_count)::bigint, sum(cost_total_usd)
        FROM ({rows}) r GROUP BY {column}
        """;

    public static async Task<Dictionary<string, CostSums>> ReadAsync(NpgsqlDataReader reader, CancellationToken cancellationToken)
    {
        var sums = new Dictionary<string, CostSums>(StringComparer.Ordinal);
        while (await reader.ReadAsync(cancellationToken))
        {
            sums[reader.GetString(0)] = new CostSums(reader.GetInt64(1), reader.GetInt64(2), reader.GetInt64(3), reader.GetInt64(4), reader.GetInt64(5), reader.GetDecimal(6));
        }

        return sums;
    }
}
