using System.Text.Json;
using MassTransit;
using Npgsql;
using TokenOptimizer.Aggregation.DefiningChannels;
using TokenOptimizer.Aggregation.DeliveringWebhooks;
using TokenOptimizer.Contracts;

namespace TokenOptimizer.Aggregation.DeliveringNotifications;

/// <summary>
/// Fans an alert's firing or resolution out to the channels its rule lists: one queued delivery per (notification,
/// channel) in <see cref="WebhookDeliveries"/>, all in one transaction, which <see cref="WebhookDeliverer"/> sends with
/// retries. A redelivered message queues nothing more (the key is unique), so each channel notifies once per state.
/// Outside critical, a channel in its quiet hours gets the delivery held until they end.
/// </summary>
public sealed partial class AlertStateChangedConsumer(ChannelHandler channels, NpgsqlDataSource dataSource, TimeProvider clock, ILogger<AlertStateChangedConsumer> logger)
    : IConsumer<AlertStateChanged>
{
    public async Task Consume(ConsumeContext<AlertStateChanged> context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var alert = context.Message;
        var defined = await channels.LoadAsync(context.CancellationToken);
        var now = clock.GetUtcNow();
        await using var connection = await dataSource.OpenConnectionAsync(context.CancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(context.CancellationToken);
        foreach (var channelId in alert.Channels.Distinct(StringComparer.Ordinal).Where(id => id != NotificationChannels.InApp))
        {
            if (!defined.ById.TryGetValue(channelId, out var channel))
            {
                LogUnknownChannel(alert.RuleId, channelId);
                continue;
            }

            var (target, body) = channel.Kind == ChannelKinds.Email
                ? ($"{WebhookDeliveries.MailtoScheme}:{string.Join(',', channel.Recipients ?? [])}", JsonSerializer.Serialize(NotificationMail.For(alert), JsonSerializerOptions.Web))
                : (channel.Url!, SlackMessage.For(alert));
            var heldUntil = alert.Severity == AlertSeverities.Critical ? null : channel.QuietHours?.HoldsUntil(now);
            await WebhookDeliveries.EnqueueAsync(alert.NotificationId, target, body, connection, transaction, context.CancellationToken, channelId, heldUntil);
        }

        await transaction.CommitAsync(context.CancellationToken);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Rule {RuleId} sends to channel {ChannelId}, which is not defined: skipped")]
    private partial void LogUnknownChannel(string ruleId, string channelId);
}
