namespace TokenOptimizer.Aggregation.DefiningAlertRules;

/// <summary>Pure decisions on a rule's definition: (state, command) → events, or why its state refuses the command.</summary>
public static class AlertRuleDecider
{
    public static IReadOnlyList<object> Decide(DefinedAlertRule? state, object command) => command switch
    {
        DefineAlertRule define when state is not null => throw new AlertRuleRejectedException($"alert rule {define.RuleId} already exists"),
        DefineAlertRule define => [new AlertRuleDefined(define.RuleId, define.Terms, define.At)],
        ChangeAlertRule change when state is null || state.Removed => throw NotFound(change.RuleId),
        ChangeAlertRule change => [new AlertRuleChanged(change.RuleId, change.Terms, change.At)],
        RemoveAlertRule remove when state is null || state.Removed => throw NotFound(remove.RuleId),
        RemoveAlertRule remove => [new AlertRuleRemoved(remove.RuleId, remove.At)],
        _ => throw new ArgumentException($"Unknown command {command.GetType().Name}", nameof(command)),
    };

    private static AlertRuleRejectedException NotFound(string ruleId) => new($"alert rule {ruleId} does not exist", notFound: true);
}
