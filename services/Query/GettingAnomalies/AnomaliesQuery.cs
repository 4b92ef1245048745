using Npgsql;
using TokenOptimizer.GraphQL;
using TokenOptimizer.Query.Filtering;
using TokenOptimizer.Query.Serving;

namespace TokenOptimizer.Query.GettingAnomalies;

/// <summary>
/// Anomalies from <c>usage_anomalies</c> whose hour lies in the slice's range. They are judged globally and per
/// provider only, so of the filter's dimensions only <c>providers</c> applies (others are refused rather than
/// ignored). They carry no team: a team-scoped caller sees only providers' error-rate anomalies, which are shared
/// infrastructure facts like a provider's error rate; cost anomalies and the global scope add up every team's usage.
/// </summary>
public sealed class AnomaliesQuery(NpgsqlDataSource dataSource)
{
    // services/Aggregation/DetectingAnomalies/AnomalyTables.cs
    private const string AnomaliesTable = "usage_anomalies";
    private const string ProviderScopePrefix = "provider:";

    public async Task<IReadOnlyList<Anomaly>> GetAsync(UsageSlice slice, int limit, DatabaseTurns turns, CancellationToken cancellationToken)
    {
        foreach (var (name, values) in new[] { ("models", slice.Models), ("features", slice.Features), ("teams", slice.Teams), ("environments", slice.Environments), ("outcomes", slice.Outcomes) })
        {
            if (values is not null)
            {
                throw new GraphQLException($"filter.{name} does not apply: anomalies are judged globally and per provider only.", "BAD_USER_INPUT");
            }
        }

        var filter = new SqlFilter();
        var conditions = new List<string> { $"hour >= {filter.Add(slice.From.UtcDateTime)}", $"hour < {filter.Add(slice.To.UtcDateTime)}" };
        if (slice.Providers is { } providers)
        {
            conditions.Add($"scope = ANY({filter.Add(providers.Select(p => ProviderScopePrefix + p).ToArray())})");
        }

        if (slice.ScopeTeam is not null)
        {
            conditions.Add($"metric = 'error_rate' AND starts_with(scope, '{ProviderScopePrefix}')");
        }

        using var turn = await turns.TakeAsync(cancellationToken);
        await using var command = filter.Command(dataSource, $"""
            SELECT hour, scope, metric, observed, baseline_median, baseline_mad, robust_z, baseline_hours FROM {AnomaliesTable}
            WHERE {string.Join(" AND ", conditions)} ORDER BY hour DESC, scope, metric LIMIT {filter.Add(limit)}
            """);
        var anomalies = new List<Anomaly>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            var scope = reader.GetString(1);
            anomalies.Add(new Anomaly(new DateTimeOffset(reader.GetDateTime(0), TimeSpan.Zero), scope,
                scope.StartsWith(ProviderScopePrefix, StringComparison.Ordinal) ? scope[ProviderScopePrefix.Length..] : null,
                reader.GetString(2), reader.GetDouble(3), reader.GetDouble(4), reader.GetDouble(5), reader.GetDouble(6), reader.GetInt32(7)));
        }

        return anomalies;
    }
}
