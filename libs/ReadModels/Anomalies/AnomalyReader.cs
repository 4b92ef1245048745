using Npgsql;

namespace TokenOptimizer.ReadModels;

/// <summary>The one reader of <see cref="AnomaliesTable"/>.</summary>
public sealed class AnomalyReader(NpgsqlDataSource dataSource)
{
    /// <summary>
    /// Anomalies whose hour lies in [<paramref name="from"/>, <paramref name="to"/>), latest first (then by scope and
    /// metric): only those of <paramref name="providers"/> when given, only providers' error rates when
    /// <paramref name="providerErrorRatesOnly"/> (the shared infrastructure facts), at most <paramref name="limit"/> (all if null).
    /// </summary>
    public async Task<IReadOnlyList<Anomaly>> BetweenAsync(DateTimeOffset from, DateTimeOffset to, IReadOnlyList<string>? providers, bool providerErrorRatesOnly,
        int? limit, DatabaseTurns turns, CancellationToken cancellationToken)
    {
        var filter = new SqlFilter();
        var conditions = new List<string> { $"hour >= {filter.Add(from.UtcDateTime)}", $"hour < {filter.Add(to.UtcDateTime)}" };
        if (providers is not null)
        {
            conditions.Add($"scope = ANY({filter.Add(providers.Select(p => AnomaliesTable.ProviderScopePrefix + p).ToArray())})");
        }

        if (providerErrorRatesOnly)
        {
            conditions.Add($"metric = 'error_rate' AND starts_with(scope, '{AnomaliesTable.ProviderScopePrefix}')");
        }

        var limitClause = limit is { } most ? $" LIMIT {filter.Add(most)}" : "";
        using var turn = await turns.TakeAsync(cancellationToken);
        await using var command = filter.Command(dataSource, $"""
            SELECT hour, scope, metric, observed, baseline_median, baseline_mad, robust_z, baseline_hours FROM {AnomaliesTable.Name}
            WHERE {string.Join(" AND ", conditions)} ORDER BY hour DESC, scope, metric{limitClause}
            """);
        var anomalies = new List<Anomaly>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            var scope = reader.GetString(1);
            anomalies.Add(new Anomaly(new DateTimeOffset(reader.GetDateTime(0), TimeSpan.Zero), scope,
                scope.StartsWith(AnomaliesTable.ProviderScopePrefix, StringComparison.Ordinal) ? scope[AnomaliesTable.ProviderScopePrefix.Length..] : null,
                reader.GetString(2), reader.GetDouble(3), reader.GetDouble(4), reader.GetDouble(5), reader.GetDouble(6), reader.GetInt32(7)));
        }

        return anomalies;
    }
}
