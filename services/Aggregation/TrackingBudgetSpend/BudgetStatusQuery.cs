using System.Text.Json;
using Npgsql;
using TokenOptimizer.Aggregation.DefiningBudget;

namespace TokenOptimizer.Aggregation.TrackingBudgetSpend;

/// <summary>Reads budgets with their spend for the period in progress (by wall clock).</summary>
public sealed class BudgetStatusQuery(NpgsqlDataSource dataSource, TimeProvider clock)
{
    public async Task<IReadOnlyList<BudgetStatus>> AllAsync(CancellationToken cancellationToken)
    {
        var statuses = new List<BudgetStatus>();
        foreach (var budget in await BudgetsAsync(null, cancellationToken))
        {
            statuses.Add(await StatusAsync(budget, cancellationToken));
        }

        return statuses;
    }

    public async Task<BudgetStatus?> OneAsync(string budgetId, CancellationToken cancellationToken) =>
        (await BudgetsAsync(budgetId, cancellationToken)).FirstOrDefault() is { } budget ? await StatusAsync(budget, cancellationToken) : null;

    public async Task<IReadOnlyList<object>> AlertsAsync(string budgetId, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand($"""
            SELECT a.period_start, a.threshold_percent, a.spent_usd, a.crossed_at, d.status, d.attempts, d.last_status_code, d.last_error
            FROM {BudgetSpendTables.Alerts} a
            LEFT JOIN webhook_deliveries d ON d.alert_id = 'budget-threshold-' || a.budget_id || '-' || to_char(a.period_start AT TIME ZONE 'UTC', 'YYYYMMDD') || '-' || trim_scale(a.threshold_percent)::text
            WHERE a.budget_id = $1 ORDER BY a.crossed_at, a.threshold_percent
            """);
        command.Parameters.Add(new NpgsqlParameter { Value = budgetId });
        var alerts = new List<object>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            alerts.Add(new
            {
                periodStart = reader.GetDateTime(0), thresholdPercent = reader.GetDecimal(1), spentUsd = reader.GetDecimal(2), crossedAt = reader.GetDateTime(3),
                webhook = await reader.IsDBNullAsync(4, cancellationToken) ? null : new
                {
                    status = reader.GetString(4), attempts = reader.GetInt32(5),
                    lastStatusCode = await reader.IsDBNullAsync(6, cancellationToken) ? (int?)null : reader.GetInt32(6),
                    lastError = await reader.IsDBNullAsync(7, cancellationToken) ? null : reader.GetString(7),
                },
            });
        }

        return alerts;
    }

    private async Task<List<Budget>> BudgetsAsync(string? budgetId, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(
            $"SELECT detail::text FROM {BudgetSpendTables.Definitions} WHERE NOT removed AND ($1::text IS NULL OR budget_id = $1) ORDER BY budget_id");
        command.Parameters.Add(new NpgsqlParameter<string?> { TypedValue = budgetId });
        var budgets = new List<Budget>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            budgets.Add(JsonSerializer.Deserialize<Budget>(reader.GetString(0), JsonSerializerOptions.Web)!);
        }

        return budgets;
    }

    private async Task<BudgetStatus> StatusAsync(Budget budget, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var period = BudgetPeriod.Containing(budget.Terms, now);
        var recentFrom = now.AddDays(-3) > period.Start ? now.AddDays(-3) : period.Start;
        await using var command = dataSource.CreateCommand($"""
            SELECT coalesce(sum(spent_usd), 0), coalesce(sum(spent_usd) FILTER (WHERE hour >= $5), 0)
            FROM {BudgetSpendTables.SpendByScopeHour} WHERE scope_kind = $1 AND scope_value = $2 AND hour >= $3 AND hour < $4
            """);
        command.Parameters.Add(new NpgsqlParameter { Value = budget.Terms.ScopeKind });
        command.Parameters.Add(new NpgsqlParameter { Value = budget.Terms.ScopeValue ?? "" });
        command.Parameters.Add(new NpgsqlParameter { Value = period.Start.UtcDateTime });
        command.Parameters.Add(new NpgsqlParameter { Value = period.End.UtcDateTime });
        command.Parameters.Add(new NpgsqlParameter { Value = recentFrom.UtcDateTime });
        decimal spent, recent;
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
        {
            await reader.ReadAsync(cancellationToken);
            (spent, recent) = (reader.GetDecimal(0), reader.GetDecimal(1));
        }

        await using var crossed = dataSource.CreateCommand(
            $"SELECT threshold_percent FROM {BudgetSpendTables.Alerts} WHERE budget_id = $1 AND period_start = $2 ORDER BY threshold_percent");
        crossed.Parameters.Add(new NpgsqlParameter { Value = budget.BudgetId });
        crossed.Parameters.Add(new NpgsqlParameter { Value = period.Start.UtcDateTime });
        var thresholds = new List<decimal>();
        await using (var reader = await crossed.ExecuteReaderAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken))
            {
                thresholds.Add(reader.GetDecimal(0));
            }
        }

        var remaining = (period.End - now).TotalDays;
        var projected = BudgetStatus.Project(spent, recent, (now - period.Start).TotalDays, (now - recentFrom).TotalDays, remaining);
        return new BudgetStatus(budget.BudgetId, budget.Terms, period.Start, period.End, spent,
            Math.Round(spent / budget.Terms.AmountUsd * 100, 2), projected, Math.Round(remaining, 2), thresholds);
    }
}
