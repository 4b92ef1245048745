using System.Text.Json;
using Npgsql;
using NpgsqlTypes;

namespace TokenOptimizer.Aggregation.PublishingAlerts;

/// <summary>
/// Table <c>alert_outbox</c>: the alerts projections decided (a circuit changed, a budget threshold was crossed), one row
/// per alert id, written in the projection's transaction and published by <see cref="AlertPublisher"/> once committed.
/// Derived facts live here rather than in the event store because a Marten projection has no way to append events
/// inside the daemon's transaction; the id (one per transition, per budget, threshold and period) makes a re-decided
/// alert (a rebuild, a re-price) a no-op, so nothing is published twice. Rows stay as the alerts' history.
/// </summary>
public static class AlertOutbox
{
    public const string Table = "alert_outbox";

    public const string Ddl = $"""
        CREATE TABLE IF NOT EXISTS {Table} (
            alert_id     text PRIMARY KEY,
            type         text        NOT NULL,
            payload      jsonb       NOT NULL,
            decided_at   timestamptz NOT NULL DEFAULT now(),
            published_at timestamptz
        );
        CREATE INDEX IF NOT EXISTS alert_outbox_unpublished ON {Table} (decided_at) WHERE published_at IS NULL;
        """;

    /// <summary>Adds the alerts not decided before; returns the ids this call added.</summary>
    public static async Task<IReadOnlySet<string>> AddAsync(
        IReadOnlyList<(string AlertId, string Type, object Alert)> alerts, NpgsqlConnection connection, NpgsqlTransaction transaction, CancellationToken cancellationToken)
    {
        var added = new HashSet<string>(StringComparer.Ordinal);
        if (alerts.Count == 0)
        {
            return added;
        }

        await using var insert = new NpgsqlCommand($"""
            INSERT INTO {Table} (alert_id, type, payload) SELECT * FROM unnest($1::text[], $2::text[], $3::jsonb[])
            ON CONFLICT (alert_id) DO NOTHING RETURNING alert_id
            """, connection, transaction);
        insert.Parameters.Add(new NpgsqlParameter { Value = alerts.Select(a => a.AlertId).ToArray() });
        insert.Parameters.Add(new NpgsqlParameter { Value = alerts.Select(a => a.Type).ToArray() });
        insert.Parameters.Add(new NpgsqlParameter
        {
            Value = alerts.Select(a => JsonSerializer.Serialize(a.Alert, a.Alert.GetType(), JsonSerializerOptions.Web)).ToArray(),
            NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Jsonb,
        });
        await using var reader = await insert.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            added.Add(reader.GetString(0));
        }

        return added;
    }
}
