using TokenOptimizer.ReadModels;

namespace TokenOptimizer.Aggregation.DefiningBudget;

/// <summary>Stored event <c>budget_defined</c>, first in stream <c>budget-&lt;id&gt;</c>.</summary>
public sealed record BudgetDefined(string BudgetId, BudgetTerms Terms, DateTimeOffset At);

/// <summary>Stored event <c>budget_changed</c>: the terms from now on (all of them).</summary>
public sealed record BudgetChanged(string BudgetId, BudgetTerms Terms, DateTimeOffset At);

/// <summary>Stored event <c>budget_removed</c>.</summary>
public sealed record BudgetRemoved(string BudgetId, DateTimeOffset At);
