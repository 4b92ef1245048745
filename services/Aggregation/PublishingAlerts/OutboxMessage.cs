using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using TokenOptimizer.Aggregation.DeliveringWebhooks;
using TokenOptimizer.Aggregation.TrackingBudgetSpend;
using TokenOptimizer.Aggregation.TrackingProviderHealth;
using TokenOptimizer.Contracts;

namespace TokenOptimizer.Aggregation.PublishingAlerts;

/// <summary>
/// An alert a grain decided, on its way to the bus (and to a webhook, where the budget names one). Its
/// <see cref="MessageId"/> is derived from <see cref="AlertId"/> alone — the circuit transition's ordinal, or the
/// budget, period and threshold — so the same decision always goes out under the same id, whoever publishes it and
/// however often.
/// </summary>
public sealed record OutboxMessage(Guid MessageId, string AlertId, string MessageType, string Body)
{
    public const string CircuitChangedType = "provider_circuit_changed";
    public const string ThresholdCrossedType = "budget_threshold_crossed";
    public const string AlertStateChangedType = "alert_state_changed";

    public string? WebhookUrl { get; init; }

    public string? WebhookBody { get; init; }

    public static OutboxMessage For(CircuitChanged change)
    {
        var alertId = CircuitChanged.AlertIdFor(change.Provider, change.Ordinal);
        return new(IdFor(alertId), alertId, CircuitChangedType, JsonSerializer.Serialize(change.ToMessage(), JsonSerializerOptions.Web));
    }

    public static OutboxMessage For(BudgetThresholdReached crossing) =>
        new(IdFor(crossing.AlertId), crossing.AlertId, ThresholdCrossedType, JsonSerializer.Serialize(crossing.ToMessage(), JsonSerializerOptions.Web))
        {
            WebhookUrl = crossing.WebhookUrl,
            WebhookBody = crossing.WebhookUrl is null ? null : SlackMessage.For(crossing),
        };

    /// <summary>An alert firing or resolving, under its notification id (one per alert and state), posted to <paramref name="webhookUrl"/> too where given.</summary>
    public static OutboxMessage For(AlertStateChanged change, string? webhookUrl = null) =>
        new(IdFor(change.NotificationId), change.NotificationId, AlertStateChangedType, JsonSerializer.Serialize(change, JsonSerializerOptions.Web))
        {
            WebhookUrl = webhookUrl,
            WebhookBody = webhookUrl is null ? null : SlackMessage.For(change),
        };

    /// <summary>The integration message to publish.</summary>
    public object Message() => MessageType switch
    {
        CircuitChangedType => JsonSerializer.Deserialize<ProviderCircuitChanged>(Body, JsonSerializerOptions.Web)!,
        ThresholdCrossedType => JsonSerializer.Deserialize<BudgetThresholdCrossed>(Body, JsonSerializerOptions.Web)!,
        AlertStateChangedType => JsonSerializer.Deserialize<AlertStateChanged>(Body, JsonSerializerOptions.Web)!,
        _ => throw new InvalidOperationException($"Outbox message {MessageId} has unknown type {MessageType}."),
    };

    public static Guid IdFor(string alertId) => new(SHA256.HashData(Encoding.UTF8.GetBytes("tokenoptimizer-alert-" + alertId)).AsSpan(0, 16));
}
