using TokenOptimizer.Query.GettingProviderHealth;
using TokenOptimizer.ReadModels;

namespace TokenOptimizer.Query.GettingModels;

/// <summary>Every model called in the last 30 days (optionally of one provider), its health beside its catalog facts.</summary>
public sealed class ModelsQuery(ProviderHealthQuery health, ModelCatalogQuery catalogs, TimeProvider clock)
{
    public async Task<IReadOnlyList<ProviderModel>> AllAsync(string? provider, string? scopeTeam, DatabaseTurns turns, CancellationToken cancellationToken)
    {
        var providers = await health.AllAsync(scopeTeam, turns, cancellationToken);
        var catalog = await catalogs.LoadAsync(cancellationToken);
        var now = clock.GetUtcNow();
        return providers.Where(p => provider is null || p.Provider == provider)
            .SelectMany(p => p.Models)
            .Select(m => new ProviderModel(m.Provider, m.Model, m, ModelCatalogFacts.Of(catalog, m.Provider, m.Model, now)))
            .ToList();
    }
}
