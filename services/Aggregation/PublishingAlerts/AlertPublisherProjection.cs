using System.Security.Cryptography;
using System.Text;
using MassTransit;
using Npgsql;
using TokenOptimizer.Aggregation.TrackingBudgetSpend;
using TokenOptimizer.Aggregation.TrackingProviderHealth;
using TokenOptimizer.Contracts;
using TokenOptimizer.EventStore;

namespace TokenOptimizer.Aggregation.PublishingAlerts;

/// <summary>
/// Publishes the alerts other projections stored in the log — circuit changes and budget threshold
/// crossings — as integration messages. The log is the outbox: the checkpoint moves only after the broker
/// confirmed, so every alert is published at least once, with a message id derived from its sequence so
/// consumers can drop a redelivery.
/// </summary>
public sealed class AlertPublisherProjection(IBus bus) : IProjection
{
    public const string ProjectionName = "alert_publisher";

    public string Name => ProjectionName;

    public IReadOnlyCollection<string>? EventTypes { get; } = ["provider_circuit_changed", "budget_threshold_crossed"];

    public async Task ApplyAsync(IReadOnlyList<StoredEvent> events, NpgsqlConnection connection, NpgsqlTransaction transaction, CancellationToken cancellationToken)
    {
        foreach (var stored in events)
        {
            var messageId = MessageIdFor(stored.Sequence);
            try
            {
                switch (stored.Data)
                {
                    case CircuitChanged change:
                        await bus.Publish(ToMessage(change), context => context.MessageId = messageId, cancellationToken);
                        break;
                    case BudgetThresholdReached crossing:
                        await bus.Publish(crossing.ToMessage(), context => context.MessageId = messageId, cancellationToken);
                        break;
                }
            }
            catch (Exception exception) when (exception is not OperationCanceledException)
            {
                throw new ProjectionDependencyUnavailableException($"Publishing event {stored.Sequence} failed; the batch will be retried.", exception);
            }
        }
    }

    public Task ResetAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, CancellationToken cancellationToken) => Task.CompletedTask;

    public static ProviderCircuitChanged ToMessage(CircuitChanged change) => new()
    {
        Provider = change.Provider,
        PreviousState = change.From,
        State = change.To,
        ChangedAt = change.At,
        ErrorRate = change.ErrorRate,
        WindowRequests = change.WindowRequests,
        Reason = change.Reason,
    };

    private static Guid MessageIdFor(long sequence) =>
        new(SHA256.HashData(Encoding.UTF8.GetBytes("tokenoptimizer-alert-" + sequence)).AsSpan(0, 16));
}
