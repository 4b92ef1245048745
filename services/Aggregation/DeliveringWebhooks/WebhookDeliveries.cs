using Npgsql;

namespace TokenOptimizer.Aggregation.DeliveringWebhooks;

/// <summary>
/// <c>webhook_deliveries</c>: the webhook outbox. A row is queued in the transaction that records the alert,
/// then <see cref="WebhookDeliverer"/> sends it apart from the daemon, with retries, and records the outcome.
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
            alert_id         text        NOT NULL UNIQUE,
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
        """;

    public static async Task EnqueueAsync(string alertId, string url, string body, NpgsqlConnection connection, NpgsqlTransaction transaction, CancellationToken cancellationToken)
    {
        await using var insert = new NpgsqlCommand(
            $"INSERT INTO {Table} (alert_id, url, body, status) VALUES ($1, $2, $3::jsonb, '{Pending}') ON CONFLICT (alert_id) DO NOTHING", connection, transaction);
        insert.Parameters.Add(new NpgsqlParameter { Value = alertId });
        insert.Parameters.Add(new NpgsqlParameter { Value = url });
        insert.Parameters.Add(new NpgsqlParameter { Value = body });
        await insert.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>The delivery state of each alert in <paramref name="alertIds"/> that was queued, by alert id.</summary>
    public static async Task<Dictionary<string, WebhookDeliveryState>> StatesAsync(NpgsqlDataSource dataSource, IReadOnlyCollection<string> alertIds, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand($"SELECT alert_id, status, attempts, last_status_code, last_error FROM {Table} WHERE alert_id = ANY($1)");
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
