using Npgsql;

namespace TokenOptimizer.ReadModels;

/// <summary>
/// Builds a WHERE clause from a slice with positional parameters, so every query filters (and scopes) the same
/// way. Values are always parameters, never spliced into the SQL.
/// </summary>
internal sealed class SqlFilter
{
    private readonly List<NpgsqlParameter> _parameters = [];

    public IReadOnlyList<NpgsqlParameter> Parameters => _parameters;

    /// <summary>Adds a parameter and returns its placeholder (<c>$n</c>).</summary>
    public string Add(object value)
    {
        _parameters.Add(new NpgsqlParameter { Value = value });
        return "$" + _parameters.Count;
    }

    /// <summary>The slice's dimension conditions (and its time range on <paramref name="timeColumn"/>, if given).</summary>
    public string Where(UsageSlice slice, string? timeColumn, DateTimeOffset? from = null, DateTimeOffset? to = null)
    {
        var conditions = new List<string>();
        if (timeColumn is not null)
        {
            conditions.Add($"{timeColumn} >= {Add((from ?? slice.From).UtcDateTime)}");
            conditions.Add($"{timeColumn} < {Add((to ?? slice.To).UtcDateTime)}");
        }

        // One value is written as `=`: PostgreSQL then walks an index led by the column in order (a team's page of
        // the request log), which it does not do for `= ANY(array)`.
        foreach (var (column, values) in slice.DimensionFilters())
        {
            conditions.Add(values.Count == 1 ? $"{column} = {Add(values[0])}" : $"{column} = ANY({Add(values.ToArray())})");
        }

        return conditions.Count == 0 ? "TRUE" : string.Join(" AND ", conditions);
    }

    public NpgsqlCommand Command(NpgsqlDataSource dataSource, string sql)
    {
        var command = dataSource.CreateCommand(sql);
        command.Parameters.AddRange(_parameters.ToArray());
        return command;
    }
}
