using TokenOptimizer.ReadModels;

namespace TokenOptimizer.Aggregation.DefiningBudget;

/// <summary>Pure decisions on a budget: (state, command) → events, or why its state refuses the command.</summary>
public static class BudgetDecider
{
    public static IReadOnlyList<object> Decide(Budget? state, object command) => command switch
    {
        DefineBudget define when state is not null => throw new BudgetRejectedException([$"budget {define.BudgetId} already exists"]),
        DefineBudget define => [new BudgetDefined(define.BudgetId, Normalised(define.Terms), define.At)],
        ChangeBudget change when state is null || state.Removed => throw NotFound(change.BudgetId),
        ChangeBudget change => [new BudgetChanged(change.BudgetId, Normalised(change.Terms), change.At)],
        RemoveBudget remove when state is null || state.Removed => throw NotFound(remove.BudgetId),
        RemoveBudget remove => [new BudgetRemoved(remove.BudgetId, remove.At)],
        _ => throw new ArgumentException($"Unknown command {command.GetType().Name}", nameof(command)),
    };

    // The terms' shape was checked at the edge (BudgetTermsValidator); here they only take their one stored form.
    private static BudgetTerms Normalised(BudgetTerms terms) =>
        terms with
        {
            ScopeValue = terms.ScopeKind == BudgetScopes.Organization ? null : terms.ScopeValue,
            ThresholdsPercent = terms.ThresholdsPercent.Distinct().Order().ToList(),
        };

    private static BudgetRejectedException NotFound(string budgetId) => new([$"budget {budgetId} does not exist"], notFound: true);
}
