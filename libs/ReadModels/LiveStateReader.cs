using System.Text.Json;
using Npgsql;
using TokenOptimizer.ReadModels.Budgets;
using TokenOptimizer.ReadModels.ProviderHealth;

namespace TokenOptimizer.ReadModels;

/// <summary>
/// The one reader of the live per-key state Aggregation's grains hold: provider circuits and incidents, budgets and
/// their spend. It reads what the grains persisted (<see cref="LiveStateTable"/>) rather than asking them through a
/// cluster client: a grain writes its state on every change, before its feed call returns, so the row is as current
/// as the grain for anything the daemon has committed, and a reader then needs PostgreSQL only — Query and
/// Recommendations never join the Orleans cluster, and a read never activates (or wakes) a grain.
/// </summary>
public sealed class LiveStateReader(NpgsqlDataSource dataSource)
{
    /// <summary>Every provider's circuit and incidents, ordered by provider.</summary>
    public async Task<IReadOnlyList<ProviderHealthState>> ProvidersAsync(CancellationToken cancellationToken) =>
        (await ReadAsync<ProviderHealthState>(LiveStateTable.ProviderHealth, cancellationToken)).OrderBy(p => p.Provider, StringComparer.Ordinal).ToList();

    /// <summary>Every budget that is defined and not removed, with its period in progress at <paramref name="now"/>, ordered by id.</summary>
    public async Task<IReadOnlyList<BudgetStatus>> BudgetsAsync(DateTimeOffset now, CancellationToken cancellationToken) =>
        (await ReadAsync<BudgetState>(LiveStateTable.Budget, cancellationToken))
            .Where(b => b.Terms is not null && !b.Removed)
            .OrderBy(b => b.BudgetId, StringComparer.Ordinal)
            .Select(b => BudgetStatus.Of(b, now))
            .ToList();

    /// <summary>One budget's state, removed or not; null if no event named it yet.</summary>
    public async Task<BudgetState?> BudgetAsync(string budgetId, CancellationToken cancellationToken) =>
        (await ReadAsync<BudgetState>(LiveStateTable.Budget, cancellationToken, budgetId)).SingleOrDefault();

    private async Task<List<T>> ReadAsync<T>(string stateName, CancellationToken cancellationToken, string? key = null)
    {
        await using var command = dataSource.CreateCommand(
            $"SELECT state::text FROM {LiveStateTable.Name} WHERE state_name = $1 AND ($2::text IS NULL OR grain_key = $2)");
        command.Parameters.Add(new NpgsqlParameter { Value = stateName });
        command.Parameters.Add(new NpgsqlParameter<string?> { TypedValue = key });
        var states = new List<T>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            states.Add(JsonSerializer.Deserialize<T>(reader.GetString(0), LiveStateTable.Json)!);
        }

        return states;
    }
}
