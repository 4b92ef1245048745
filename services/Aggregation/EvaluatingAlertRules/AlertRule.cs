namespace TokenOptimizer.Aggregation.EvaluatingAlertRules;

/// <summary>A defined rule: its id and its terms as they stand.</summary>
public sealed record AlertRule(string RuleId, AlertRuleTerms Terms);
