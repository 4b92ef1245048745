using TokenOptimizer.ReadModels;

namespace TokenOptimizer.Aggregation.DefiningBudget;

/// <summary>Pure decisions on a budget: (state, command) → events, or the reasons it is refused.</summary>
public static class BudgetDecider
{
    public static IReadOnlyList<object> Decide(Budget? state, object command) => command switch
    {
        DefineBudget define when state is not null => throw new BudgetRejectedException([$"budget {define.BudgetId} already exists"]),
        DefineBudget define => [new BudgetDefined(define.BudgetId, Valid(define.Terms), define.At)],
        ChangeBudget change when state is null || state.Removed => throw NotFound(change.BudgetId),
        ChangeBudget change => [new BudgetChanged(change.BudgetId, Valid(change.Terms), change.At)],
        RemoveBudget remove when state is null || state.Removed => throw NotFound(remove.BudgetId),
        RemoveBudget remove => [new BudgetRemoved(remove.BudgetId, remove.At)],
        _ => throw new ArgumentException($"Unknown command {command.GetType().Name}", nameof(command)),
    };

    public static IReadOnlyList<string> Problems(BudgetTerms terms)
    {
        var problems = new List<string>();
        if (string.IsNullOrWhiteSpace(terms.Name))
        {
            problems.Add("name is required");
        }

        if (!BudgetScopes.All.Contains(terms.ScopeKind))
        {
            problems.Add($"scopeKind must be one of {string.Join(", ", BudgetScopes.All)}");
        }
        else if (terms.ScopeKind != BudgetScopes.Organization && string.IsNullOrWhiteSpace(terms.ScopeValue))
        {
            problems.Add($"scopeValue is required for a {terms.ScopeKind} budget");
        }

        if (terms.AmountUsd <= 0)
        {
            problems.Add("amountUsd must be positive");
        }

        if (!BudgetPeriods.All.Contains(terms.Period))
        {
            problems.Add($"period must be one of {string.Join(", ", BudgetPeriods.All)}");
        }
        else if (terms.Period == BudgetPeriods.Month && terms.ResetDay is < 1 or > 28)
        {
            problems.Add("resetDay must be 1–28 for a monthly budget");
        }
        else if (terms.Period == BudgetPeriods.Week && terms.ResetDay is < 1 or > 7)
        {
            problems.Add("resetDay must be 1 (Monday) – 7 (Sunday) for a weekly budget");
        }

        if (terms.ThresholdsPercent.Count == 0 || terms.ThresholdsPercent.Any(t => t is <= 0 or > 1000))
        {
            problems.Add("thresholdsPercent must hold percentages in (0, 1000]");
        }

        if (terms.WebhookUrl is { } url && !(Uri.TryCreate(url, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https"))
        {
            problems.Add("webhookUrl must be an absolute http(s) URL");
        }

        return problems;
    }

    private static BudgetTerms Valid(BudgetTerms terms)
    {
        var problems = Problems(terms);
        if (problems.Count > 0)
        {
            throw new BudgetRejectedException(problems);
        }

        return terms with
        {
            ScopeValue = terms.ScopeKind == BudgetScopes.Organization ? null : terms.ScopeValue,
            ThresholdsPercent = terms.ThresholdsPercent.Distinct().Order().ToList(),
        };
    }

    private static BudgetRejectedException NotFound(string budgetId) => new([$"budget {budgetId} does not exist"], notFound: true);
}
