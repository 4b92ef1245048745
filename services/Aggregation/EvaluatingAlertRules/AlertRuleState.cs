namespace TokenOptimizer.Aggregation.EvaluatingAlertRules;

/// <summary>
/// Where one rule stands: quiet (no open alert) or with an open alert that is firing or acknowledged. <see cref="Firings"/>
/// counts the alerts it has opened, so each gets its own id (<c>{ruleId}:{n}</c>) and a replay re-derives the same one.
/// </summary>
public sealed record AlertRuleState(string RuleId, int Firings, string? OpenAlertId, string? OpenState)
{
    public static AlertRuleState Quiet(string ruleId) => new(ruleId, 0, null, null);

    public bool IsOpen => OpenAlertId is not null;
}
