using TokenOptimizer.ReadModels;

namespace TokenOptimizer.Aggregation.DefiningBudget;

/// <summary>A budget's state, folded from its stream.</summary>
public sealed record Budget(string BudgetId, BudgetTerms Terms, bool Removed)
{
    public static Budget? Evolve(Budget? state, object @event) => @event switch
    {
        BudgetDefined defined => new Budget(defined.BudgetId, defined.Terms, false),
        BudgetChanged changed when state is not null => state with { Terms = changed.Terms },
        BudgetRemoved when state is not null => state with { Removed = true },
        _ => state,
    };

    public static string StreamFor(string budgetId) => "budget-" + budgetId;
}
