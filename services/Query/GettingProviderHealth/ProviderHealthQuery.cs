using System.Text.Json;
using Npgsql;
using TokenOptimizer.Query.Serving;
using TokenOptimizer.Query.Upstreams;

namespace TokenOptimizer.Query.GettingProviderHealth;

/// <summary>
/// Provider and model health from the Aggregation service (its owner computes scores, circuits and uptime), with
/// each provider's incidents of the last 30 days read from <c>provider_incidents</c>. For a team-scoped caller the
/// request and error volumes are blanked: status, score, circuit, rates and uptime are shared infrastructure facts,
/// but how many calls were made is other teams' traffic.
/// </summary>
public sealed class ProviderHealthQuery(UpstreamClient upstream, NpgsqlDataSource dataSource, TimeProvider clock)
{
    // services/Aggregation/TrackingProviderHealth/ProviderHealthTables.cs
    private const string IncidentsTable = "provider_incidents";

    private static readonly TimeSpan IncidentsKeptInView = TimeSpan.FromDays(30);

    public async Task<IReadOnlyList<ProviderHealth>> AllAsync(string? scopeTeam, DatabaseTurns turns, CancellationToken cancellationToken)
    {
        var providers = await HealthAsync(scopeTeam, cancellationToken);
        var incidents = await IncidentsAsync(turns, cancellationToken);
        return providers.Select(p => p with { Incidents = incidents.GetValueOrDefault(p.Provider) ?? [] }).ToList();
    }

    /// <summary>The providers and models without their incidents.</summary>
    public async Task<IReadOnlyList<ProviderHealth>> HealthAsync(string? scopeTeam, CancellationToken cancellationToken)
    {
        var answer = await upstream.SendAsync(UpstreamClient.Aggregation, HttpMethod.Get, "/v1/providers/health", null, cancellationToken);
        var providers = answer?.Deserialize<List<ProviderHealth>>(JsonSerializerOptions.Web) ?? [];
        return scopeTeam is null
            ? providers
            : providers.Select(p => p with
            {
                Health = p.Health.WithoutVolumes(),
                Models = p.Models.Select(m => m with { Health = m.Health.WithoutVolumes() }).ToList(),
            }).ToList();
    }

    private async Task<Dictionary<string, List<ProviderIncident>>> IncidentsAsync(DatabaseTurns turns, CancellationToken cancellationToken)
    {
        using var turn = await turns.TakeAsync(cancellationToken);
        await using var command = dataSource.CreateCommand(
            $"SELECT provider, started_at, ended_at, duration_s, peak_error_rate FROM {IncidentsTable} WHERE ended_at >= $1 ORDER BY started_at DESC");
        command.Parameters.Add(new NpgsqlParameter { Value = (clock.GetUtcNow() - IncidentsKeptInView).UtcDateTime });
        var incidents = new Dictionary<string, List<ProviderIncident>>(StringComparer.Ordinal);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            var provider = reader.GetString(0);
            if (!incidents.TryGetValue(provider, out var list))
            {
                incidents[provider] = list = [];
            }

            list.Add(new ProviderIncident(new DateTimeOffset(reader.GetDateTime(1), TimeSpan.Zero), new DateTimeOffset(reader.GetDateTime(2), TimeSpan.Zero),
                reader.GetDouble(3), reader.GetDouble(4)));
        }

        return incidents;
    }
}
