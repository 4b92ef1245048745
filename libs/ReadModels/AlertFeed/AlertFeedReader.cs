using Npgsql;

namespace TokenOptimizer.ReadModels;

/// <summary>The one reader of <see cref="AlertFeedTable"/>.</summary>
public sealed class AlertFeedReader(NpgsqlDataSource dataSource)
{
    /// <summary>Alerts in <paramref name="state"/> and of <paramref name="severity"/> (each when given), latest fired first, at most <paramref name="limit"/>.</summary>
    public Task<IReadOnlyList<AlertFeedEntry>> ListAsync(string? state, string? severity, int limit, CancellationToken cancellationToken) =>
        QueryAsync(null, state, severity, limit, cancellationToken);

    public async Task<AlertFeedEntry?> OneAsync(string alertId, CancellationToken cancellationToken) =>
        (await QueryAsync(alertId, null, null, 1, cancellationToken)).SingleOrDefault();

    private async Task<IReadOnlyList<AlertFeedEntry>> QueryAsync(string? alertId, string? state, string? severity, int limit, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand($"""
            SELECT alert_id, rule_id, rule_name, severity, state, metric, scope, value, threshold, summary, fired_at, acknowledged_at, resolved_at
            FROM {AlertFeedTable.Name} WHERE ($1::text IS NULL OR state = $1) AND ($2::text IS NULL OR severity = $2) AND ($4::text IS NULL OR alert_id = $4)
            ORDER BY fired_at DESC, alert_id LIMIT $3
            """);
        command.Parameters.Add(new NpgsqlParameter<string?> { TypedValue = state, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Text });
        command.Parameters.Add(new NpgsqlParameter<string?> { TypedValue = severity, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Text });
        command.Parameters.Add(new NpgsqlParameter { Value = limit });
        command.Parameters.Add(new NpgsqlParameter<string?> { TypedValue = alertId, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Text });
        var entries = new List<AlertFeedEntry>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            entries.Add(new AlertFeedEntry(reader.GetString(0), reader.GetString(1), reader.GetString(2), reader.GetString(3), reader.GetString(4), reader.GetString(5),
                reader.GetString(6), await reader.IsDBNullAsync(7, cancellationToken) ? null : reader.GetDecimal(7),
                await reader.IsDBNullAsync(8, cancellationToken) ? null : reader.GetDecimal(8), reader.GetString(9), At(reader, 10)!.Value, At(reader, 11), At(reader, 12)));
        }

        return entries;
    }

    private static DateTimeOffset? At(NpgsqlDataReader reader, int ordinal) =>
        reader.IsDBNull(ordinal) ? null : new DateTimeOffset(reader.GetDateTime(ordinal), TimeSpan.Zero);
}
