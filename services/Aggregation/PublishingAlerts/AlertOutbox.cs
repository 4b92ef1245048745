using Npgsql;
using NpgsqlTypes;

namespace TokenOptimizer.Aggregation.PublishingAlerts;

/// <summary>
/// <c>alert_outbox</c>: alerts decided by grains, written in the transaction that writes the deciding grain's state,
/// and published by <see cref="AlertOutboxPublisher"/>. A published row is kept for the publisher's retention, so a
/// grain that writes the same alert again (the same message id) adds nothing.
/// </summary>
public static class AlertOutbox
{
    public const string Table = "alert_outbox";

    /// <summary>The channel a write notifies, so publishers need not poll.</summary>
    public const string Channel = "alert_outbox";

    public const string Ddl = $"""
        CREATE TABLE IF NOT EXISTS {Table} (
            message_id   uuid        PRIMARY KEY,
            position     bigint      GENERATED ALWAYS AS IDENTITY,
            alert_id     text        NOT NULL,
            message_type text        NOT NULL,
            body         jsonb       NOT NULL,
            webhook_url  text,
            webhook_body jsonb,
            created_at   timestamptz NOT NULL DEFAULT now(),
            lease_until  timestamptz NOT NULL DEFAULT '-infinity',
            attempts     integer     NOT NULL DEFAULT 0,
            last_error   text,
            published_at timestamptz
        );
        CREATE INDEX IF NOT EXISTS alert_outbox_unpublished ON {Table} (position) WHERE published_at IS NULL;
        """;

    public static async Task AddAsync(IReadOnlyList<OutboxMessage> messages, NpgsqlConnection connection, NpgsqlTransaction transaction, CancellationToken cancellationToken)
    {
        await using var insert = new NpgsqlCommand($"""
            INSERT INTO {Table} (message_id, alert_id, message_type, body, webhook_url, webhook_body)
            SELECT * FROM unnest($1::uuid[], $2::text[], $3::text[], $4::jsonb[], $5::text[], $6::jsonb[])
            ON CONFLICT (message_id) DO NOTHING
            """, connection, transaction);
        insert.Parameters.Add(new NpgsqlParameter { Value = messages.Select(m => m.MessageId).ToArray() });
        insert.Parameters.Add(new NpgsqlParameter { Value = messages.Select(m => m.AlertId).ToArray() });
        insert.Parameters.Add(new NpgsqlParameter { Value = messages.Select(m => m.MessageType).ToArray() });
        insert.Parameters.Add(new NpgsqlParameter { Value = messages.Select(m => m.Body).ToArray(), NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Jsonb });
        insert.Parameters.Add(new NpgsqlParameter { Value = messages.Select(m => m.WebhookUrl).ToArray(), NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Text });
        insert.Parameters.Add(new NpgsqlParameter { Value = messages.Select(m => m.WebhookBody).ToArray(), NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Jsonb });
        await insert.ExecuteNonQueryAsync(cancellationToken);
        await AlertFeedWriter.RecordAsync(messages, connection, transaction, cancellationToken);
        await using var notify = new NpgsqlCommand($"SELECT pg_notify('{Channel}', '')", connection, transaction);
        await notify.ExecuteNonQueryAsync(cancellationToken);
    }
}
