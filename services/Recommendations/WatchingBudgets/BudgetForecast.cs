namespace TokenOptimizer.Recommendations.WatchingBudgets;

/// <summary>A budget's period in progress as Aggregation reports it (<c>GET /v1/budgets</c>): the fields advice needs.</summary>
public sealed record BudgetForecast(string BudgetId, BudgetForecastTerms Terms, decimal SpentUsd, decimal ProjectedSpendUsd, double DaysRemaining);

/// <summary>What a budget covers and allows.</summary>
public sealed record BudgetForecastTerms(string Name, string ScopeKind, string? ScopeValue, decimal AmountUsd, string Period);
