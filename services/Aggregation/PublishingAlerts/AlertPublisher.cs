using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using MassTransit;
using Npgsql;
using TokenOptimizer.Aggregation.TrackingBudgetSpend;
using TokenOptimizer.Aggregation.TrackingProviderHealth;
using TokenOptimizer.Contracts;

namespace TokenOptimizer.Aggregation.PublishingAlerts;

/// <summary>
/// Publishes the alerts in <see cref="AlertOutbox"/> as integration messages (<see cref="ProviderCircuitChanged"/>,
/// <see cref="BudgetThresholdCrossed"/>), oldest first, and marks each published once the broker confirmed: at least once,
/// with a message id derived from the alert id so consumers can drop a redelivery. The one place alerts leave the
/// service. Instances may run it together: a row is claimed with <c>FOR UPDATE SKIP LOCKED</c>.
/// </summary>
public sealed partial class AlertPublisher(NpgsqlDataSource dataSource, IBus bus, ILogger<AlertPublisher> logger) : BackgroundService
{
    public const string CircuitChangedType = "provider_circuit_changed";

    public const string ThresholdCrossedType = "budget_threshold_crossed";

    private const int PageSize = 100;

    /// <summary>Publishes what is waiting; returns how many it published.</summary>
    public async Task<int> PublishPendingAsync(CancellationToken cancellationToken)
    {
        var published = 0;
        while (true)
        {
            await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
            await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
            var page = new List<(string Id, string Type, string Payload)>();
            await using (var select = new NpgsqlCommand($"""
                SELECT alert_id, type, payload::text FROM {AlertOutbox.Table} WHERE published_at IS NULL
                ORDER BY decided_at, alert_id LIMIT {PageSize} FOR UPDATE SKIP LOCKED
                """, connection, transaction))
            await using (var reader = await select.ExecuteReaderAsync(cancellationToken))
            {
                while (await reader.ReadAsync(cancellationToken))
                {
                    page.Add((reader.GetString(0), reader.GetString(1), reader.GetString(2)));
                }
            }

            if (page.Count == 0)
            {
                return published;
            }

            foreach (var (id, type, payload) in page)
            {
                await PublishAsync(id, type, payload, cancellationToken);
            }

            await using (var mark = new NpgsqlCommand($"UPDATE {AlertOutbox.Table} SET published_at = now() WHERE alert_id = ANY($1)", connection, transaction))
            {
                mark.Parameters.Add(new NpgsqlParameter { Value = page.Select(p => p.Id).ToArray() });
                await mark.ExecuteNonQueryAsync(cancellationToken);
            }

            await transaction.CommitAsync(cancellationToken);
            published += page.Count;
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromMilliseconds(250));
        do
        {
            try
            {
                await PublishPendingAsync(stoppingToken);
            }
            catch (Exception exception) when (!stoppingToken.IsCancellationRequested)
            {
                // The broker or the database is away: the alerts wait in the outbox and go at a later tick.
                LogPublishFailed(exception);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    private Task PublishAsync(string id, string type, string payload, CancellationToken cancellationToken)
    {
        var messageId = new Guid(SHA256.HashData(Encoding.UTF8.GetBytes("tokenoptimizer-alert-" + id)).AsSpan(0, 16));
        return type switch
        {
            CircuitChangedType => bus.Publish(ToMessage(JsonSerializer.Deserialize<CircuitChanged>(payload, JsonSerializerOptions.Web)!), c => c.MessageId = messageId, cancellationToken),
            ThresholdCrossedType => bus.Publish(JsonSerializer.Deserialize<BudgetThresholdReached>(payload, JsonSerializerOptions.Web)!.ToMessage(), c => c.MessageId = messageId, cancellationToken),
            _ => Task.CompletedTask,
        };
    }

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

    [LoggerMessage(Level = LogLevel.Warning, Message = "Publishing alerts failed; they wait in the outbox for the next attempt")]
    private partial void LogPublishFailed(Exception exception);
}
