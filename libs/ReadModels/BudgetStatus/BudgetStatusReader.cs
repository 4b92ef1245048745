using System.Text.Json;
using Npgsql;

namespace TokenOptimizer.ReadModels;

/// <summary>
/// The one reader of the budgets (<see cref="BudgetSpendTables"/>): each budget's period in progress by wall clock,
/// with its spend, projection and the thresholds crossed, and each budget's history of alerts. The figures that move
/// with the clock (the period, the days left, the projection) are computed when read. When per-budget grains hold the
/// period's spend and crossings, this reader reads their persisted state; its callers (Query, Recommendations,
/// Aggregation's endpoints) do not change.
/// </summary>
public sealed class BudgetStatusReader(NpgsqlDataSource dataSource, TimeProvider clock)
{
    /// <summary>Every budget not removed, by id. One command at a time, in one turn.</summary>
    public async Task<IReadOnlyList<BudgetStatus>> AllAsync(DatabaseTurns turns, CancellationToken cancellationToken)
    {
        using var turn = await turns.TakeAsync(cancellationToken);
        var statuses = new List<BudgetStatus>();
        foreach (var (budgetId, terms) in await TermsAsync(null, cancellationToken))
        {
            statuses.Add(await StatusAsync(budgetId, terms, cancellationToken));
        }

        return statuses;
    }

    /// <summary>The budget, or null when there is none by that id (or it was removed).</summary>
    public async Task<BudgetStatus?> OneAsync(string budgetId, CancellationToken cancellationToken) =>
        (await TermsAsync(budgetId, cancellationToken)) is [var (id, terms)] ? await StatusAsync(id, terms, cancellationToken) : null;

    /// <summary>Every threshold the budget's spend crossed, in any period, by time crossed.</summary>
    public async Task<IReadOnlyList<BudgetAlert>> AlertsAsync(string budgetId, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(
            $"SELECT threshold_percent, crossed_at, spent_usd, period_start FROM {BudgetSpendTables.Alerts} WHERE budget_id = $1 ORDER BY crossed_at, threshold_percent");
        command.Parameters.Add(new NpgsqlParameter { Value = budgetId });
        return await ReadAlertsAsync(command, cancellationToken);
    }

    private async Task<List<(string BudgetId, BudgetTerms Terms)>> TermsAsync(string? budgetId, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(
            $"SELECT budget_id, (detail->'terms')::text FROM {BudgetSpendTables.Definitions} WHERE NOT removed AND ($1::text IS NULL OR budget_id = $1) ORDER BY budget_id");
        command.Parameters.Add(new NpgsqlParameter<string?> { TypedValue = budgetId });
        var budgets = new List<(string, BudgetTerms)>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            budgets.Add((reader.GetString(0), JsonSerializer.Deserialize<BudgetTerms>(reader.GetString(1), JsonSerializerOptions.Web)!));
        }

        return budgets;
    }

    private async Task<BudgetStatus> StatusAsync(string budgetId, BudgetTerms terms, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var period = BudgetPeriod.Containing(terms, now);
        var recentFrom = now.AddDays(-3) > period.Start ? now.AddDays(-3) : period.Start;
        await using var command = dataSource.CreateCommand($"""
            SELECT coalesce(sum(spent_usd), 0), coalesce(sum(spent_usd) FILTER (WHERE hour >= $5), 0)
            FROM {BudgetSpendTables.SpendByScopeHour} WHERE scope_kind = $1 AND scope_value = $2 AND hour >= $3 AND hour < $4
            """);
        command.Parameters.Add(new NpgsqlParameter { Value = terms.ScopeKind });
        command.Parameters.Add(new NpgsqlParameter { Value = terms.ScopeValue ?? "" });
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
            $"SELECT threshold_percent, crossed_at, spent_usd, period_start FROM {BudgetSpendTables.Alerts} WHERE budget_id = $1 AND period_start = $2 ORDER BY threshold_percent");
        crossed.Parameters.Add(new NpgsqlParameter { Value = budgetId });
        crossed.Parameters.Add(new NpgsqlParameter { Value = period.Start.UtcDateTime });
        var alerts = await ReadAlertsAsync(crossed, cancellationToken);

        var remaining = (period.End - now).TotalDays;
        var projected = BudgetStatus.Project(spent, recent, (now - period.Start).TotalDays, (now - recentFrom).TotalDays, remaining);
        return new BudgetStatus(budgetId, terms, period.Start, period.End, spent,
            Math.Round(spent / terms.AmountUsd * 100, 2), projected, Math.Round(remaining, 2), [.. alerts.Select(a => a.ThresholdPercent)])
        {
            Alerts = alerts,
        };
    }

    private static async Task<List<BudgetAlert>> ReadAlertsAsync(NpgsqlCommand command, CancellationToken cancellationToken)
    {
        var alerts = new List<BudgetAlert>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            alerts.Add(new BudgetAlert(reader.GetDecimal(0), new DateTimeOffset(reader.GetDateTime(1), TimeSpan.Zero), reader.GetDecimal(2))
            {
                PeriodStart = new DateTimeOffset(reader.GetDateTime(3), TimeSpan.Zero),
            });
        }

        return alerts;
    }
}
