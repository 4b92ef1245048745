using System.Text.Json;
using TokenOptimizer.Query.Serving;
using TokenOptimizer.Query.Upstreams;
using TokenOptimizer.ReadModels;

namespace TokenOptimizer.Query.GettingProviderHealth;

/// <summary>
/// Provider and model health from the Aggregation service (its owner computes scores, circuits and uptime), with
/// each provider's incidents of the last 30 days from the provider's live state (<see cref="LiveStateReader"/>). For a
/// team-scoped caller the request and error volumes are blanked: status, score, circuit, rates and uptime are shared
/// infrastructure facts, but how many calls were made is other teams' traffic.
/// </summary>
public sealed class ProviderHealthQuery(UpstreamClient upstream, LiveStateReader live, TimeProvider clock)
{
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
        var since = clock.GetUtcNow() - IncidentsKeptInView;
        return (await live.ProvidersAsync(cancellationToken)).ToDictionary(
            p => p.Provider,
            p => p.Incidents.Where(i => i.EndedAt >= since).OrderByDescending(i => i.StartedAt)
                .Select(i => new ProviderIncident(i.StartedAt, i.EndedAt, i.Duration.TotalSeconds, i.PeakErrorRate)).ToList(),
            StringComparer.Ordinal);
    }
}
