using Npgsql;

namespace TokenOptimizer.Aggregation.DeliveringWebhooks;

/// <summary>
/// <c>webhook_deliveries</c>: the notification outbox, webhooks and e-mail alike (the target is an http(s) URL or a
/// <c>mailto:</c> URL). A row is queued in the transaction that records the alert (a budget's webhook, with no channel),
/// or by <see cref="DeliveringNotifications.AlertStateChangedConsumer"/> once per notification and channel, then
/// <see cref="WebhookDeliverer"/> sends it apart from the daemon, with retries, and records the outcome. The key
/// (alert or notification id, channel id) is unique: a redelivered message queues nothing more.
/// </summary>
public static class WebhookDeliveries
{
    public const string Table = "webhook_deliveries";

    public const string Pending = "pending";
    public const string Delivered = "delivered";
    public const string Failed = "failed";

    public const string Ddl = $"""
        CREATE TABLE IF NOT EXISTS {Table} (
            delivery_id      bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
            alert_id         text        NOT NULL,
            url              text        NOT NULL,
            body             jsonb       NOT NULL,
            status           text        NOT NULL,
            attempts         integer     NOT NULL DEFAULT 0,
            next_attempt_at  timestamptz NOT NULL DEFAULT now(),
            last_status_code integer,
            last_error       text,
            created_at       timestamptz NOT NULL DEFAULT now(),
            finished_at      timestamptz
        );
        CREATE INDEX IF NOT EXISTS webhook_deliveries_pending ON {Table} (next_attempt_at) WHERE status = 'pending';
        ALTER TABLE {Table} ADD COLUMN IF NOT EXISTS channel_id text NOT NULL DEFAULT '';
        ALTER TABLE {Table} DROP CONSTRAINT IF EXISTS webhook_deliveries_alert_id_key;
        CREATE UNIQUE INDEX IF NOT EXISTS webhook_deliveries_alert_channel ON {Table} (alert_id, channel_id);
        """;

    /// <summary>The scheme of an e-mail target: <c>mailto:a@example.com,b@example.com</c>.</summary>
    public const string MailtoScheme = "mailto";

    /// <summary>
    /// Queues one delivery unless (<paramref name="alertId"/>, <paramref name="channelId"/>) was queued before; it is
    /// not attempted before <paramref name="notBefore"/> (quiet hours), or at once when that is null.
    /// </summary>
    public static async Task EnqueueAsync(string alertId, string url, string body, NpgsqlConnection connection, NpgsqlTransaction transaction, CancellationToken cancellationToken,
        string channelId = "", DateTimeOffset? notBefore = null)
    {
        await using var insert = new NpgsqlCommand($"""
            INSERT INTO {Table} (alert_id, channel_id, url, body, status, next_attempt_at) VALUES ($1, $2, $3, $4::jsonb, '{Pending}', coalesce($5, now()))
            ON CONFLICT (alert_id, channel_id) DO NOTHING
            """, connection, transaction);
        insert.Parameters.Add(new NpgsqlParameter { Value = alertId });
        insert.Parameters.Add(new NpgsqlParameter { Value = channelId });
        insert.Parameters.Add(new NpgsqlParameter { Value = url });
        insert.Parameters.Add(new NpgsqlParameter { Value = body });
        insert.Parameters.Add(new NpgsqlParameter<DateTimeOffset?> { TypedValue = notBefore });
        await insert.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>The delivery state of each budget alert in <paramref name="alertIds"/> that was queued, by alert id.</summary>
    public static async Task<Dictionary<string, WebhookDeliveryState>> StatesAsync(NpgsqlDataSource dataSource, IReadOnlyCollection<string> alertIds, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand($"SELECT alert_id, status, attempts, last_status_code, last_error FROM {Table} WHERE alert_id = ANY($1) AND channel_id = ''");
        command.Parameters.Add(new NpgsqlParameter { Value = alertIds.ToArray() });
        var states = new Dictionary<string, WebhookDeliveryState>(StringComparer.Ordinal);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            states[reader.GetString(0)] = new WebhookDeliveryState(reader.GetString(1), reader.GetInt32(2),
                await reader.IsDBNullAsync(3, cancellationToken) ? null : reader.GetInt32(3), await reader.IsDBNullAsync(4, cancellationToken) ? null : reader.GetString(4));
        }

        return states;
    }
}

/// <summary>Where an alert's webhook delivery stands: pending, delivered or failed, after so many attempts, and the last answer.</summary>
public sealed record WebhookDeliveryState(string Status, int Attempts, int? LastStatusCode, string? LastError);
