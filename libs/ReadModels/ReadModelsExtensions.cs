using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace TokenOptimizer.ReadModels;

/// <summary>Registers every read model's reader; a service adds what it reads through, and nothing else reads the tables.</summary>
public static class ReadModelsExtensions
{
    /// <summary>
    /// The readers, over the service's <c>NpgsqlDataSource</c>, with <c>Rollups</c> (minute retention) and
    /// <c>ProviderHealth</c> (what an up minute is) bound from configuration: the same sections the writer reads.
    /// </summary>
    public static IServiceCollection AddReadModels(this IServiceCollection services)
    {
        services.TryAddSingleton(TimeProvider.System);
        services.AddOptions<RollupRetentionOptions>().BindConfiguration(RollupRetentionOptions.Section);
        services.AddOptions<ProviderUptimeOptions>().BindConfiguration(ProviderUptimeOptions.Section);
        services.TryAddSingleton<UsageRollupReader>();
        services.TryAddSingleton<UserRollupReader>();
        services.TryAddSingleton<RequestLogReader>();
        // Provider health and budget status read the grains' persisted state: no reader joins the Orleans cluster.
        services.TryAddSingleton<ProviderHealthReader>();
        services.TryAddSingleton<BudgetStatusReader>();
        services.TryAddSingleton<AnomalyReader>();
        services.TryAddSingleton<AlertFeedReader>();
        services.TryAddSingleton<RecommendationListReader>();
        services.TryAddSingleton<ReadModelProgress>();
        return services;
    }
}
