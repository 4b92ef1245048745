using MassTransit;
using Microsoft.Extensions.Options;
using Npgsql;
using TokenOptimizer.Aggregation.DeliveringWebhooks;

namespace TokenOptimizer.Aggregation.PublishingAlerts;

/// <summary>
/// Drains <see cref="AlertOutbox"/>: claims unpublished rows with a lease (<c>FOR UPDATE SKIP LOCKED</c>, so every
/// instance may run one), queues each row's webhook (once: the delivery's alert id is unique), publishes the message
/// with its deterministic id and waits for the broker's confirm, then marks the row published. A broker outage
/// leaves rows unpublished and retried after their lease; an instance that dies mid-way leaves its claimed rows to
/// the others once the lease runs out. Woken by the outbox's NOTIFY; polls as a fallback.
/// <para>
/// "Not repeated" rests on two things. No decision is made twice: grains skip batches at or below the sequence they
/// persisted, and the outbox row is written with the state that decided it, so a silo that dies before its write
/// left neither and one that dies after it left both, and the row is published by whoever drains next. And a row is
/// published under one message id, however often: the only double publication left is an instance that dies
/// between the broker's confirm and marking the row — then the same message id goes out again (at least once, by
/// design), and a consumer that keeps the ids it handled (MassTransit's inbox does) drops it.
/// </para>
/// </summary>
public sealed partial class AlertOutboxPublisher(NpgsqlDataSource dataSource, IBus bus, IOptions<AlertOutboxOptions> options, ILogger<AlertOutboxPublisher> logger)
    : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await using var listener = await dataSource.OpenConnectionAsync(stoppingToken);
                await using (var listen = new NpgsqlCommand($"LISTEN {AlertOutbox.Channel}", listener))
                {
                    await listen.ExecuteNonQueryAsync(stoppingToken);
                }

                while (!stoppingToken.IsCancellationRequested)
                {
                    while (await PublishDueAsync(stoppingToken) > 0)
                    {
                    }

                    await ForgetPublishedAsync(stoppingToken);
                    await listener.WaitAsync(options.Value.PollInterval, stoppingToken);
                }
            }
            catch (NpgsqlException exception)
            {
                LogOutboxUnavailable(exception);
                await Task.Delay(options.Value.PollInterval, stoppingToken);
            }
        }
    }

    /// <summary>Claims and publishes the due rows once; returns how many were claimed.</summary>
    public async Task<int> PublishDueAsync(CancellationToken cancellationToken)
    {
        var claimed = new List<(long Position, OutboxMessage Message)>();
        await using (var claim = dataSource.CreateCommand($"""
            UPDATE {AlertOutbox.Table} SET lease_until = now() + $1, attempts = attempts + 1
            WHERE message_id IN (SELECT message_id FROM {AlertOutbox.Table}
                                 WHERE published_at IS NULL AND lease_until <= now()
                                 ORDER BY position LIMIT 100 FOR UPDATE SKIP LOCKED)
            RETURNING message_id, alert_id, message_type, body::text, webhook_url, webhook_body::text, position
            """))
        {
            claim.Parameters.Add(new NpgsqlParameter { Value = options.Value.Lease });
            await using var reader = await claim.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                claimed.Add((reader.GetInt64(6), new OutboxMessage(reader.GetGuid(0), reader.GetString(1), reader.GetString(2), reader.GetString(3))
                {
                    WebhookUrl = await reader.IsDBNullAsync(4, cancellationToken) ? null : reader.GetString(4),
                    WebhookBody = await reader.IsDBNullAsync(5, cancellationToken) ? null : reader.GetString(5),
                }));
            }
        }

        // In the order they were decided, one at a time: a circuit's open → half-open → closed reach the broker so.
        foreach (var (_, message) in claimed.OrderBy(c => c.Position))
        {
            await PublishAsync(message, cancellationToken);
        }

        return claimed.Count;
    }

    private async Task PublishAsync(OutboxMessage message, CancellationToken cancellationToken)
    {
        if (message.WebhookUrl is { } url)
        {
            await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
            await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
            await WebhookDeliveries.EnqueueAsync(message.AlertId, url, message.WebhookBody!, connection, transaction, cancellationToken);
            await transaction.CommitAsync(cancellationToken);
        }

        string? error = null;
        try
        {
            var payload = message.Message();
            await bus.Publish(payload, payload.GetType(), context => context.MessageId = message.MessageId, cancellationToken);
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            error = exception.Message;
            LogPublishFailed(message.MessageId, exception);
        }

        await using var record = dataSource.CreateCommand(error is null
            ? $"UPDATE {AlertOutbox.Table} SET published_at = now(), last_error = NULL WHERE message_id = $1"
            : $"UPDATE {AlertOutbox.Table} SET last_error = $2 WHERE message_id = $1");
        record.Parameters.Add(new NpgsqlParameter { Value = message.MessageId });
        record.Parameters.Add(new NpgsqlParameter<string?> { TypedValue = error });
        await record.ExecuteNonQueryAsync(cancellationToken);
    }

    private async Task ForgetPublishedAsync(CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand($"DELETE FROM {AlertOutbox.Table} WHERE published_at < now() - $1");
        command.Parameters.Add(new NpgsqlParameter { Value = options.Value.Retention });
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Alert outbox unavailable; trying again")]
    private partial void LogOutboxUnavailable(Exception exception);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Publishing alert {MessageId} failed; it is retried when its lease runs out")]
    private partial void LogPublishFailed(Guid messageId, Exception exception);
}
