using TokenOptimizer.ReadModels;
using TokenOptimizer.Recommendations.Suggesting;

namespace TokenOptimizer.Recommendations.WatchingBudgets;

/// <summary>
/// Budgets projected to end their period above their amount, each with the changes that would keep it inside: the
/// largest savings among the other recommendations in the budget's scope (its feature, model or provider; all of them
/// for the organisation or a team, as advice is not split by team), taken until their saving over the days left covers
/// the overrun. Its own saving is 0: the money is in the changes it lists, which are ranked on their own.
/// </summary>
public sealed class BudgetRiskAdvisor
{
    public IEnumerable<Suggestion> Advise(IReadOnlyList<BudgetStatus> budgets, IReadOnlyList<Suggestion> suggestions)
    {
        foreach (var budget in budgets.Where(b => b.ProjectedSpendUsd > b.Terms.AmountUsd))
        {
            var overrun = budget.ProjectedSpendUsd - budget.Terms.AmountUsd;
            var days = (decimal)Math.Max(budget.DaysRemaining, 0);
            var changes = new List<Suggestion>();
            var covered = 0m;
            foreach (var suggestion in suggestions.Where(s => InScope(budget.Terms, s)).OrderByDescending(s => s.MonthlySavingUsd))
            {
                if (covered >= overrun)
                {
                    break;
                }

                changes.Add(suggestion);
                covered += suggestion.MonthlySavingUsd * days / 30;
            }

            var scope = budget.Terms.ScopeValue is null ? budget.Terms.ScopeKind : $"{budget.Terms.ScopeKind} '{budget.Terms.ScopeValue}'";
            yield return new Suggestion
            {
                Kind = RecommendationKinds.BudgetRisk, Feature = budget.Terms.ScopeKind == "feature" ? budget.Terms.ScopeValue ?? "" : "",
                Provider = budget.Terms.ScopeKind == "provider" ? budget.Terms.ScopeValue ?? "" : "",
                Model = budget.Terms.ScopeKind == "model" ? budget.Terms.ScopeValue ?? "" : "",
                BudgetId = budget.BudgetId,
                Change = $"Budget '{budget.Terms.Name}' ({scope}) is projected to reach ${budget.ProjectedSpendUsd:N2} against ${budget.Terms.AmountUsd:N2} this {budget.Terms.Period}. "
                    + (changes.Count == 0
                        ? "No recommendation in its scope saves enough: raise the budget or cut traffic."
                        : $"{(covered >= overrun ? "These changes would keep it inside" : "These changes would narrow the gap")}: "
                          + string.Join("; ", changes.Select(c => c.Change))),
                MonthlySavingUsd = 0, SavingPercent = 0, QualityImpact = QualityImpact.NotApplicable,
                Confidence = changes.Count == 0 ? 0 : changes.Min(c => c.Confidence), ConfidenceLabel = Confidence.Label(changes.Count == 0 ? 0 : changes.Min(c => c.Confidence)),
                Evidence = new Dictionary<string, decimal>
                {
                    ["amount_usd"] = budget.Terms.AmountUsd,
                    ["spent_usd"] = budget.SpentUsd,
                    ["projected_spend_usd"] = budget.ProjectedSpendUsd,
                    ["projected_overrun_usd"] = overrun,
                    ["days_remaining"] = Math.Round(days, 2),
                    ["changes_saving_in_period_usd"] = Math.Round(covered, 6),
                    ["changes"] = changes.Count,
                },
            };
        }
    }

    private static bool InScope(BudgetTerms terms, Suggestion suggestion) => suggestion.Kind != RecommendationKinds.BudgetRisk && terms.ScopeKind switch
    {
        "feature" => suggestion.Feature == terms.ScopeValue,
        "model" => string.Equals(suggestion.Model, terms.ScopeValue, StringComparison.OrdinalIgnoreCase),
        "provider" => string.Equals(suggestion.Provider, terms.ScopeValue, StringComparison.OrdinalIgnoreCase),
        _ => true,
    };
}
