using TokenOptimizer.ReadModels;

namespace TokenOptimizer.Query.GettingBudgets;

/// <summary>
/// Budgets with their spend and their period's alerts (<see cref="BudgetStatusReader"/>). A team-scoped caller sees only
/// budgets on its own team: any other budget (the organisation's, a feature's, a model's, a provider's) adds up every
/// team's spend.
/// </summary>
public sealed class BudgetsQuery(BudgetStatusReader budgets)
{
    public async Task<IReadOnlyList<BudgetStatus>> AllAsync(string? scopeTeam, DatabaseTurns turns, CancellationToken cancellationToken) =>
        (await budgets.AllAsync(turns, cancellationToken))
            .Where(b => scopeTeam is null || (b.Terms.ScopeKind == BudgetScopes.Team && b.Terms.ScopeValue == scopeTeam))
            .ToList();
}
