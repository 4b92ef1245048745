using TokenOptimizer.Aggregation.EvaluatingAlertRules;

namespace TokenOptimizer.Aggregation.DefiningAlertRules;

public sealed record DefineAlertRule(string RuleId, AlertRuleTerms Terms, DateTimeOffset At);

public sealed record ChangeAlertRule(string RuleId, AlertRuleTerms Terms, DateTimeOffset At);

public sealed record RemoveAlertRule(string RuleId, DateTimeOffset At);

/// <summary>A command the rule's state refuses, with the reason.</summary>
public sealed class AlertRuleRejectedException(string problem, bool notFound = false) : Exception(problem)
{
    public bool NotFound { get; } = notFound;
}
