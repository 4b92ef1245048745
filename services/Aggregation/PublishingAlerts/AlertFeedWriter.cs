using System.Text.Json;
using Npgsql;
using TokenOptimizer.Contracts;
using TokenOptimizer.ReadModels;

namespace TokenOptimizer.Aggregation.PublishingAlerts;

/// <summary>
/// Keeps <see cref="AlertFeedTable"/>: every alert written to the outbox enters the feed in the same transaction (a
/// firing adds the row, a resolution closes it), and an acknowledgement marks it. Rewriting the same alert changes nothing.
/// </summary>
public static class AlertFeedWriter
{
    public static async Task RecordAsync(IEnumerable<OutboxMessage> messages, NpgsqlConnection connection, NpgsqlTransaction transaction, CancellationToken cancellationToken)
    {
        foreach (var change in messages.Where(m => m.MessageType == OutboxMessage.AlertStateChangedType)
                     .Select(m => JsonSerializer.Deserialize<AlertStateChanged>(m.Body, JsonSerializerOptions.Web)!))
        {
            await using var upsert = new NpgsqlCommand($"""
                INSERT INTO {AlertFeedTable.Name} AS f (alert_id, rule_id, rule_name, severity, state, metric, scope, value, threshold, summary, fired_at, resolved_at)
                VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, CASE WHEN $5 = '{AlertStates.Resolved}' THEN $11 END)
                ON CONFLICT (alert_id) DO UPDATE SET state = excluded.state, value = excluded.value, summary = excluded.summary, resolved_at = excluded.resolved_at
                WHERE excluded.state = '{AlertStates.Resolved}' AND f.state <> '{AlertStates.Resolved}'
                """, connection, transaction);
            upsert.Parameters.Add(new NpgsqlParameter { Value = change.AlertId });
            upsert.Parameters.Add(new NpgsqlParameter { Value = change.RuleId });
            upsert.Parameters.Add(new NpgsqlParameter { Value = change.RuleName });
            upsert.Parameters.Add(new NpgsqlParameter { Value = change.Severity });
            upsert.Parameters.Add(new NpgsqlParameter { Value = change.State });
            upsert.Parameters.Add(new NpgsqlParameter { Value = change.Metric });
            upsert.Parameters.Add(new NpgsqlParameter { Value = change.Scope });
            upsert.Parameters.Add(new NpgsqlParameter<decimal?> { TypedValue = change.Value });
            upsert.Parameters.Add(new NpgsqlParameter<decimal?> { TypedValue = change.Threshold });
            upsert.Parameters.Add(new NpgsqlParameter { Value = change.Summary });
            upsert.Parameters.Add(new NpgsqlParameter { Value = change.OccurredAt.UtcDateTime });
            await upsert.ExecuteNonQueryAsync(cancellationToken);
        }
    }

    /// <summary>Marks a firing alert acknowledged; false when no such alert is firing.</summary>
    public static async Task<bool> AcknowledgeAsync(NpgsqlDataSource dataSource, string alertId, DateTimeOffset at, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(
            $"UPDATE {AlertFeedTable.Name} SET state = '{AlertStates.Acknowledged}', acknowledged_at = $2 WHERE alert_id = $1 AND state = '{AlertStates.Firing}'");
        command.Parameters.Add(new NpgsqlParameter { Value = alertId });
        command.Parameters.Add(new NpgsqlParameter { Value = at.UtcDateTime });
        return await command.ExecuteNonQueryAsync(cancellationToken) == 1;
    }
}
