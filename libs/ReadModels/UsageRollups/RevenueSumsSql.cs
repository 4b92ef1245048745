using Npgsql;

namespace TokenOptimizer.ReadModels;

/// <summary>The rollup measures behind <see cref="RevenueSums"/>, summed and read the same way by every question that answers them.</summary>
internal static class RevenueSumsSql
{
    public const string Measures = "billed_count, billed_amount_usd, billed_priced_count, billed_priced_amount_usd, billed_priced_cost_usd";

    /// <summary>The sums of <see cref="Measures"/>, as five select-list expressions (zero over no rows).</summary>
    public const string Sums = """
        coalesce(sum(billed_count), 0)::bigint, coalesce(sum(billed_amount_usd), 0), coalesce(sum(billed_priced_count), 0)::bigint,
        coalesce(sum(billed_priced_amount_usd), 0), coalesce(sum(billed_priced_cost_usd), 0)
        """;

    /// <summary>The <see cref="Sums"/> that start at column <paramref name="first"/>.</summary>
    public static RevenueSums Read(NpgsqlDataReader reader, int first) =>
        new(reader.GetInt64(first), reader.GetDecimal(first + 1), reader.GetInt64(first + 2), reader.GetDecimal(first + 3), reader.GetDecimal(first + 4));
}
