using TokenOptimizer.Query.Serving;
using TokenOptimizer.ReadModels;
using TokenOptimizer.ReadModels.Budgets;

namespace TokenOptimizer.Query.GettingBudgets;

/// <summary>
/// Budgets with their period in progress and its alerts, from the budgets' live state (<see cref="LiveStateReader"/>).
/// A team-scoped caller sees only budgets on its own team: any other budget (the organisation's, a feature's, a
/// model's, a provider's) adds up every team's spend.
/// </summary>
public sealed class BudgetsQuery(LiveStateReader live, TimeProvider clock)
{
    public async Task<IReadOnlyList<BudgetStatus>> AllAsync(string? scopeTeam, DatabaseTurns turns, CancellationToken cancellationToken)
    {
        using var turn = await turns.TakeAsync(cancellationToken);
        return (await live.BudgetsAsync(clock.GetUtcNow(), cancellationToken))
            .Where(b => scopeTeam is null || (b.Terms.ScopeKind == BudgetScopes.Team && b.Terms.ScopeValue == scopeTeam))
            .Select(b => new BudgetStatus
            {
                BudgetId = b.BudgetId, Name = b.Terms.Name, ScopeKind = b.Terms.ScopeKind, ScopeValue = b.Terms.ScopeValue,
                AmountUsd = b.Terms.AmountUsd, Period = b.Terms.Period, ResetDay = b.Terms.ResetDay, ThresholdsPercent = b.Terms.ThresholdsPercent,
                WebhookUrl = b.Terms.WebhookUrl, PeriodStart = b.PeriodStart, PeriodEnd = b.PeriodEnd, SpentUsd = b.SpentUsd, PercentUsed = b.PercentUsed,
                ProjectedSpendUsd = b.ProjectedSpendUsd, DaysRemaining = b.DaysRemaining, ThresholdsCrossed = b.ThresholdsCrossed,
                Alerts = b.Alerts.Select(a => new BudgetAlert(a.ThresholdPercent, a.CrossedAt, a.SpentUsd)).ToList(),
            }).ToList();
    }
}
