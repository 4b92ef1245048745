using System.Text.Json;
using Npgsql;
using NpgsqlTypes;
using TokenOptimizer.Aggregation.DefiningBudget;
using TokenOptimizer.Aggregation.DeliveringWebhooks;
using TokenOptimizer.Aggregation.RollingUpUsage;
using TokenOptimizer.Contracts;
using TokenOptimizer.Aggregation.RunningProjections;
using TokenOptimizer.ReadModels;
using TokenOptimizer.UsageLog;

namespace TokenOptimizer.Aggregation.TrackingBudgetSpend;

/// <summary>
/// Keeps spend per scope and hour, and decides, event by event in log order, when a budget's period spend
/// reaches a threshold. A crossing is stored in the alert outbox in this transaction (once per budget, threshold and
/// period), shown in <c>budget_alerts</c>, and queued for its webhook.
/// </summary>
public sealed class BudgetSpendProjection(UsageIngestedLookup lookup) : ReadModelProjection
{
    public const string ProjectionName = "budget_spend";

    public override string Name => ProjectionName;

    public override IReadOnlyCollection<string> EventTypes { get; } = ["usage_ingested", "usage_repriced", "budget_defined", "budget_changed", "budget_removed"];

    public override async Task ApplyAsync(IReadOnlyList<StoredEvent> events, NpgsqlConnection connection, NpgsqlTransaction transaction, CancellationToken cancellationToken)
    {
        var batch = new BudgetSpendBatch(await LoadBudgetsAsync(connection, transaction, cancellationToken), connection, transaction);
        var originals = await lookup.OriginalsOfRepricedAsync(events, connection, transaction, cancellationToken);

        foreach (var stored in events)
        {
            switch (stored.Data)
            {
                case BudgetDefined defined:
                    await batch.SetAsync(new Budget(defined.BudgetId, defined.Terms, false), defined.At, cancellationToken);
                    break;
                case BudgetChanged changed:
                    await batch.SetAsync(new Budget(changed.BudgetId, changed.Terms, false), changed.At, cancellationToken);
                    break;
                case BudgetRemoved removed when batch.Budgets.TryGetValue(removed.BudgetId, out var budget):
                    batch.Budgets[removed.BudgetId] = budget with { Removed = true };
                    batch.Dirty.Add(removed.BudgetId);
                    break;
                case UsageIngested { Cost.Priced: true } ingested:
                    await batch.SpendAsync(ingested.Usage, ingested.Usage.OccurredAt, ingested.Cost.TotalUsd, cancellationToken);
                    break;
                case UsageRepriced repriced when originals.TryGetValue(stored.StreamId, out var original):
                    var delta = (repriced.Current.Priced ? repriced.Current.TotalUsd : 0) - (repriced.Previous.Priced ? repriced.Previous.TotalUsd : 0);
                    await batch.SpendAsync(original.Usage, original.Usage.OccurredAt, delta, cancellationToken);
                    break;
            }
        }

        await batch.SaveAsync(cancellationToken);
    }

    public override async Task ResetAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, CancellationToken cancellationToken)
    {
        // Webhook deliveries are history, not a read model: a rebuild stores no crossing twice, so queues none twice.
        await using var command = new NpgsqlCommand(
            $"TRUNCATE {BudgetSpendTables.SpendByScopeHour}; TRUNCATE {BudgetSpendTables.Definitions}; TRUNCATE {BudgetSpendTables.Alerts};", connection, transaction);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    public static IEnumerable<(string Kind, string Value)> ScopesOf(UsageRecorded usage) =>
    [
        (BudgetScopes.Organization, ""), (BudgetScopes.Team, usage.Team ?? ""), (BudgetScopes.Feature, usage.Feature ?? "default"),
        (BudgetScopes.Model, usage.Model), (BudgetScopes.Provider, usage.Provider),
    ];

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
