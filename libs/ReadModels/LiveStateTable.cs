using System.Text.Json;

namespace TokenOptimizer.ReadModels;

/// <summary>
/// <c>grain_state</c>: each grain's persisted state (Aggregation's PostgreSQL grain storage writes it), one row per
/// state name and grain (<c>grain_key</c>: its key, a provider or a budget id), the state as JSON. <see cref="LiveStateReader"/> is the one reader of it.
/// </summary>
public static class LiveStateTable
{
    public const string Name = "grain_state";

    /// <summary>The state name of provider health (<see cref="ProviderHealth.ProviderHealthState"/>).</summary>
    public const string ProviderHealth = "provider-health";

    /// <summary>The state name of a budget (<see cref="Budgets.BudgetState"/>).</summary>
    public const string Budget = "budget";

    /// <summary>How states are written to and read from the <c>state</c> column.</summary>
    public static JsonSerializerOptions Json { get; } = JsonSerializerOptions.Web;
}
