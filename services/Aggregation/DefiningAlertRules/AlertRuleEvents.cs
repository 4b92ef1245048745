using TokenOptimizer.Aggregation.EvaluatingAlertRules;

namespace TokenOptimizer.Aggregation.DefiningAlertRules;

/// <summary>Stored event <c>alert_rule_defined</c>, first in stream <c>alert-rule-&lt;id&gt;</c>.</summary>
public sealed record AlertRuleDefined(string RuleId, AlertRuleTerms Terms, DateTimeOffset At);

/// <summary>Stored event <c>alert_rule_changed</c>: the terms from now on (all of them).</summary>
public sealed record AlertRuleChanged(string RuleId, AlertRuleTerms Terms, DateTimeOffset At);

/// <summary>Stored event <c>alert_rule_removed</c>.</summary>
public sealed record AlertRuleRemoved(string RuleId, DateTimeOffset At);
