using TokenOptimizer.Aggregation.PublishingAlerts;
using TokenOptimizer.Aggregation.RunningTheCluster;
using TokenOptimizer.ReadModels;

namespace TokenOptimizer.Aggregation.TrackingBudgetSpend;

/// <summary>
/// One budget's terms, period spend and crossings (<see cref="BudgetSpending"/>), fed once per batch by the budget
/// projection (<see cref="IBudgetSpendFeed"/>); each crossing goes out through the alert outbox with the state that decided it.
/// </summary>
public sealed class BudgetGrain(
    [PersistentState(BudgetState.StateName, PostgresGrainStorage.Name)] IPersistentState<BudgetGrainState> state, ILogger<BudgetGrain> logger)
    : AlertingGrain<BudgetGrainState>(state, logger), IBudgetGrain
{
    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        if (State.BudgetId.Length == 0)
        {
            State = State with { BudgetId = this.GetPrimaryKeyString() };
        }

        return Task.CompletedTask;
    }

    public async Task FeedAsync(IReadOnlyList<BudgetEntry> items)
    {
        var (next, crossings) = BudgetSpending.Apply(State, items);
        await SaveAsync((BudgetGrainState)next, crossings.Select(OutboxMessage.For));
    }
}
