using System.Text.Json.Serialization;
using TokenOptimizer.Aggregation.PublishingAlerts;
using TokenOptimizer.ReadModels;

namespace TokenOptimizer.Aggregation.TrackingBudgetSpend;

/// <summary>
/// <see cref="BudgetState"/> as the grain holds it: the persisted record (the same JSON the reader reads) and the
/// alerts its last change decided, which the storage writes to the outbox with it.
/// </summary>
public sealed record BudgetGrainState : BudgetState, IAlertingState<BudgetGrainState>
{
    [JsonIgnore]
    public IReadOnlyList<OutboxMessage> Outbox { get; init; } = [];

    public BudgetGrainState WithOutbox(IReadOnlyList<OutboxMessage> outbox) => this with { Outbox = outbox };
}
