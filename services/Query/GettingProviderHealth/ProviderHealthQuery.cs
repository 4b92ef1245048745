using TokenOptimizer.ReadModels;

namespace TokenOptimizer.Query.GettingProviderHealth;

/// <summary>
/// Provider and model health over the last 5 minutes, with each provider's incidents of the last 30 days
/// (<see cref="ProviderHealthReader"/>). For a team-scoped caller the request and error volumes are blanked: status,
/// score, circuit, rates and uptime are shared infrastructure facts, but how many calls were made is other teams' traffic.
/// </summary>
public sealed class ProviderHealthQuery(ProviderHealthReader health)
{
    private const int RecentMinutes = 5;

    public async Task<IReadOnlyList<ProviderHealth>> AllAsync(string? scopeTeam, DatabaseTurns turns, CancellationToken cancellationToken)
    {
        var providers = await health.AllAsync(RecentMinutes, turns, cancellationToken);
        return scopeTeam is null ? providers : providers.Select(p => p.WithoutVolumes()).ToList();
    }
}
