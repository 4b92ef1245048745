using Npgsql;
using TokenOptimizer.Aggregation.DeliveringWebhooks;
using TokenOptimizer.ReadModels;

namespace TokenOptimizer.Aggregation.TrackingBudgetSpend;

/// <summary>A budget's crossings (from its grain's state), each with its webhook delivery's progress, oldest first.</summary>
public sealed class BudgetAlertsQuery(LiveStateReader live, NpgsqlDataSource dataSource)
{
    public async Task<IReadOnlyList<object>> AlertsAsync(string budgetId, CancellationToken cancellationToken)
    {
        if (await live.BudgetAsync(budgetId, cancellationToken) is not { } budget)
        {
            return [];
        }

        var alerts = budget.Alerts.OrderBy(a => a.CrossedAt).ThenBy(a => a.ThresholdPercent)
            .Select(a => (Alert: a, Id: BudgetThresholdReached.AlertIdFor(budgetId, a.PeriodStart, a.ThresholdPercent))).ToList();
        await using var command = dataSource.CreateCommand(
            $"SELECT alert_id, status, attempts, last_status_code, last_error FROM {WebhookDeliveries.Table} WHERE alert_id = ANY($1)");
        command.Parameters.Add(new NpgsqlParameter { Value = alerts.Select(a => a.Id).ToArray() });
        var webhooks = new Dictionary<string, object>(StringComparer.Ordinal);
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken))
            {
                webhooks[reader.GetString(0)] = new
                {
                    status = reader.GetString(1), attempts = reader.GetInt32(2),
                    lastStatusCode = await reader.IsDBNullAsync(3, cancellationToken) ? (int?)null : reader.GetInt32(3),
                    lastError = await reader.IsDBNullAsync(4, cancellationToken) ? null : reader.GetString(4),
                };
            }
        }

        return alerts.Select(a => (object)new
        {
            periodStart = a.Alert.PeriodStart, thresholdPercent = a.Alert.ThresholdPercent, spentUsd = a.Alert.SpentUsd, crossedAt = a.Alert.CrossedAt,
            webhook = webhooks.GetValueOrDefault(a.Id),
        }).ToList();
    }
}
