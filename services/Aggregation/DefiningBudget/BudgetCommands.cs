using TokenOptimizer.ReadModels;

namespace TokenOptimizer.Aggregation.DefiningBudget;

public sealed record DefineBudget(string BudgetId, BudgetTerms Terms, DateTimeOffset At);

public sealed record ChangeBudget(string BudgetId, BudgetTerms Terms, DateTimeOffset At);

public sealed record RemoveBudget(string BudgetId, DateTimeOffset At);

/// <summary>A command the budget's state or its terms refuse, with every reason.</summary>
public sealed class BudgetRejectedException(IReadOnlyList<string> problems, bool notFound = false)
    : Exception(string.Join("; ", problems))
{
    public IReadOnlyList<string> Problems { get; } = problems;

    public bool NotFound { get; } = notFound;
}
