using System.Text.Json;
using Npgsql;
using TokenOptimizer.Query.Serving;
using TokenOptimizer.Query.Upstreams;

namespace TokenOptimizer.Query.GettingBudgets;

/// <summary>
/// Budgets with their spend, from the Aggregation service (their owner), and the alerts of each one's period in
/// progress from <c>budget_alerts</c>. A team-scoped caller sees only budgets on its own team: any other budget
/// (the organisation's, a feature's, a model's, a provider's) adds up every team's spend.
/// </summary>
public sealed class BudgetsQuery(UpstreamClient upstream, NpgsqlDataSource dataSource)
{
    // services/Aggregation/TrackingBudgetSpend/BudgetSpendTables.cs
    private const string AlertsTable = "budget_alerts";

    public async Task<IReadOnlyList<BudgetStatus>> AllAsync(string? scopeTeam, DatabaseTurns turns, CancellationToken cancellationToken)
    {
        var answer = await upstream.SendAsync(UpstreamClient.Aggregation, HttpMethod.Get, "/v1/budgets", null, cancellationToken);
        var budgets = (answer?.Deserialize<List<UpstreamStatus>>(JsonSerializerOptions.Web) ?? [])
            .Where(b => scopeTeam is null || (b.Terms.ScopeKind == "team" && b.Terms.ScopeValue == scopeTeam))
            .ToList();
        var alerts = await AlertsAsync(budgets, turns, cancellationToken);
        return budgets.Select(b => new BudgetStatus
        {
            BudgetId = b.BudgetId, Name = b.Terms.Name, ScopeKind = b.Terms.ScopeKind, ScopeValue = b.Terms.ScopeValue,
            AmountUsd = b.Terms.AmountUsd, Period = b.Terms.Period, ResetDay = b.Terms.ResetDay, ThresholdsPercent = b.Terms.ThresholdsPercent,
            WebhookUrl = b.Terms.WebhookUrl, PeriodStart = b.PeriodStart, PeriodEnd = b.PeriodEnd, SpentUsd = b.SpentUsd, PercentUsed = b.PercentUsed,
            ProjectedSpendUsd = b.ProjectedSpendUsd, DaysRemaining = b.DaysRemaining, ThresholdsCrossed = b.ThresholdsCrossed,
            Alerts = alerts.GetValueOrDefault(b.BudgetId) ?? [],
        }).ToList();
    }

    private async Task<Dictionary<string, List<BudgetAlert>>> AlertsAsync(IReadOnlyList<UpstreamStatus> budgets, DatabaseTurns turns, CancellationToken cancellationToken)
    {
        var alerts = new Dictionary<string, List<BudgetAlert>>(StringComparer.Ordinal);
        if (budgets.Count == 0)
        {
            return alerts;
        }

        using var turn = await turns.TakeAsync(cancellationToken);
        await using var command = dataSource.CreateCommand($"""
            SELECT a.budget_id, a.threshold_percent, a.crossed_at, a.spent_usd
            FROM {AlertsTable} a JOIN unnest($1::text[], $2::timestamptz[]) AS p(budget_id, period_start)
              ON a.budget_id = p.budget_id AND a.period_start = p.period_start
            ORDER BY a.threshold_percent
            """);
        command.Parameters.Add(new NpgsqlParameter { Value = budgets.Select(b => b.BudgetId).ToArray() });
        command.Parameters.Add(new NpgsqlParameter { Value = budgets.Select(b => b.PeriodStart.UtcDateTime).ToArray() });
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            var budgetId = reader.GetString(0);
            if (!alerts.TryGetValue(budgetId, out var list))
            {
                alerts[budgetId] = list = [];
            }

            list.Add(new BudgetAlert(reader.GetDecimal(1), new DateTimeOffset(reader.GetDateTime(2), TimeSpan.Zero), reader.GetDecimal(3)));
        }

        return alerts;
    }

    // The shape of Aggregation's BudgetStatus (services/Aggregation/TrackingBudgetSpend/BudgetStatus.cs).
    private sealed record UpstreamStatus(
        string BudgetId, UpstreamTerms Terms, DateTimeOffset PeriodStart, DateTimeOffset PeriodEnd, decimal SpentUsd, decimal PercentUsed,
        decimal ProjectedSpendUsd, double DaysRemaining, IReadOnlyList<decimal> ThresholdsCrossed);

    private sealed record UpstreamTerms(
        string Name, string ScopeKind, string? ScopeValue, decimal AmountUsd, string Period, int ResetDay, IReadOnlyList<decimal> ThresholdsPercent, string? WebhookUrl);
}
