using System.Text.Json;
using Npgsql;
using TokenOptimizer.Aggregation.DefiningBudget;
using TokenOptimizer.Aggregation.RollingUpUsage;
using TokenOptimizer.Contracts;
using TokenOptimizer.Aggregation.RunningProjections;
using TokenOptimizer.ReadModels;
using TokenOptimizer.UsageLog;

namespace TokenOptimizer.Aggregation.TrackingBudgetSpend;

/// <summary>
/// Keeps spend per scope and hour (the source of a budget's opening spend, so one defined late sees its whole period)
/// and the budgets' definitions, and hands each budget's entries of a page to its grain, once per page
/// (<see cref="IBudgetSpendFeed"/>), which decides when its period spend reaches a threshold. An erased user is forgotten
/// here as in the per-user rollups (<see cref="BudgetSpendBatch.ForgetUserAsync"/>).
/// </summary>
public sealed class BudgetSpendProjection(UsageIngestedLookup lookup, IBudgetSpendFeed feed) : ReadModelProjection
{
    public const string ProjectionName = "budget_spend";

    public override string Name => ProjectionName;

    public override IReadOnlyCollection<string> EventTypes { get; } = ["usage_ingested", "usage_repriced", "budget_defined", "budget_changed", "budget_removed", "user_erased"];

    public override async Task ApplyAsync(IReadOnlyList<StoredEvent> events, NpgsqlConnection connection, NpgsqlTransaction transaction, CancellationToken cancellationToken)
    {
        var batch = new BudgetSpendBatch(await LoadBudgetsAsync(connection, transaction, cancellationToken), connection, transaction);
        var originals = await lookup.OriginalsOfRepricedAsync(events, connection, transaction, cancellationToken);

        foreach (var stored in events)
        {
            switch (stored.Data)
            {
                case BudgetDefined defined:
                    await batch.SetAsync(new Budget(defined.BudgetId, defined.Terms, false), stored.Sequence, defined.At, cancellationToken);
                    break;
                case BudgetChanged changed:
                    await batch.SetAsync(new Budget(changed.BudgetId, changed.Terms, false), stored.Sequence, changed.At, cancellationToken);
                    break;
                case BudgetRemoved removed:
                    batch.Remove(removed.BudgetId, stored.Sequence, removed.At);
                    break;
                case UsageIngested { Cost.Priced: true } ingested:
                    await batch.SpendAsync(ingested.Usage, stored.Sequence, ingested.Usage.OccurredAt, ingested.Cost.TotalUsd, cancellationToken);
                    break;
                case UsageRepriced repriced when originals.TryGetValue(stored.StreamId, out var original):
                    var delta = (repriced.Current.Priced ? repriced.Current.TotalUsd : 0) - (repriced.Previous.Priced ? repriced.Previous.TotalUsd : 0);
                    await batch.SpendAsync(original.Usage, stored.Sequence, original.Usage.OccurredAt, delta, cancellationToken);
                    break;
                case UserErased erased:
                    await batch.ForgetUserAsync(erased, stored.Sequence, cancellationToken);
                    break;
            }
        }

        await batch.SaveAsync(feed, cancellationToken);
    }

    // The grains keep their state: they skip a rebuild's replayed events, so a rebuild fires no crossing twice.
    public override async Task ResetAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(
            $"TRUNCATE {BudgetSpendTables.SpendByScopeHour}; TRUNCATE {BudgetSpendTables.Definitions};", connection, transaction);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>
    /// The scopes a call's spend counts in. A user or key only when the call names one: a budget needs a value, and the
    /// calls without one would otherwise fill a row per hour that no budget reads.
    /// </summary>
    public static IEnumerable<(string Kind, string Value)> ScopesOf(UsageRecorded usage)
    {
        (string, string)[] scopes =
        [
            (BudgetScopes.Organization, ""), (BudgetScopes.Team, usage.Team ?? ""), (BudgetScopes.Feature, usage.Feature ?? "default"),
            (BudgetScopes.Model, usage.Model), (BudgetScopes.Provider, usage.Provider),
            (BudgetScopes.User, usage.UserId ?? ""), (BudgetScopes.ApiKey, usage.ApiKeyId ?? ""),
        ];
        return scopes.Where(s => s.Item1 is not (BudgetScopes.User or BudgetScopes.ApiKey) || s.Item2.Length > 0);
    }

    private static async Task<Dictionary<string, Budget>> LoadBudgetsAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, CancellationToken cancellationToken)
    {
        var budgets = new Dictionary<string, Budget>(StringComparer.Ordinal);
        await using var command = new NpgsqlCommand($"SELECT detail::text FROM {BudgetSpendTables.Definitions}", connection, transaction);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            var budget = JsonSerializer.Deserialize<Budget>(reader.GetString(0), JsonSerializerOptions.Web)!;
            budgets[budget.BudgetId] = budget;
        }

        return budgets;
    }
}
