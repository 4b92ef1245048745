using TokenOptimizer.Aggregation.EvaluatingAlertRules;

namespace TokenOptimizer.Aggregation.DefiningAlertRules;

/// <summary>A rule's definition, folded from its stream.</summary>
public sealed record DefinedAlertRule(string RuleId, AlertRuleTerms Terms, bool Removed)
{
    public static DefinedAlertRule? Evolve(DefinedAlertRule? state, object @event) => @event switch
    {
        AlertRuleDefined defined => new DefinedAlertRule(defined.RuleId, defined.Terms, false),
        AlertRuleChanged changed when state is not null => state with { Terms = changed.Terms },
        AlertRuleRemoved when state is not null => state with { Removed = true },
        _ => state,
    };

    public static string StreamFor(string ruleId) => "alert-rule-" + ruleId;
}
