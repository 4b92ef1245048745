namespace TokenOptimizer.Aggregation.PublishingAlerts;

/// <summary>
/// Grain state whose last change decided alerts: <see cref="RunningTheCluster.PostgresGrainStorage"/> writes
/// <see cref="Outbox"/> into the alert outbox in the same transaction as the state, so an alert exists exactly when
/// the state that decided it does. The grain empties it once the write succeeded; it is never part of the stored JSON.
/// </summary>
public interface IAlertingState
{
    IReadOnlyList<OutboxMessage> Outbox { get; }
}

/// <summary>An <see cref="IAlertingState"/> that can be copied with another outbox.</summary>
public interface IAlertingState<out TSelf> : IAlertingState
{
    TSelf WithOutbox(IReadOnlyList<OutboxMessage> outbox);
}
