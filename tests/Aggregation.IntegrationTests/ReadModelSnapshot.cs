using Npgsql;

namespace TokenOptimizer.Aggregation.IntegrationTests;

/// <summary>Every row of some read models as text, in key order, to compare two runs.</summary>
internal static class ReadModelSnapshot
{
    public static async Task<string> OfAsync(NpgsqlDataSource dataSource, params string[] tables)
    {
        var parts = new List<string>();
        foreach (var table in tables)
        {
            await using var command = dataSource.CreateCommand($"SELECT count(*) || ':' || coalesce(md5(string_agg(t::text, '|' ORDER BY t::text)), '') FROM {table} t");
            parts.Add(table + "=" + (string)(await command.ExecuteScalarAsync())!);
        }

        return string.Join("\n", parts);
    }
}
