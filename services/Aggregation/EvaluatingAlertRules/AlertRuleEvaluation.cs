using System.Globalization;
using TokenOptimizer.Aggregation.DetectingAnomalies;
using TokenOptimizer.Contracts;

namespace TokenOptimizer.Aggregation.EvaluatingAlertRules;

/// <summary>
/// Pure decisions on one rule: (state, figure) → next state and the notifications it owes. Quiet → firing when the
/// condition holds; firing or acknowledged → resolved only once the figure is back past the threshold by
/// <see cref="Hysteresis"/> (or, for <c>unusual</c>, back within half the anomaly cut-off), so a figure hovering at the
/// threshold fires once and stays firing instead of flapping. Time comes in the figure, never from a clock.
/// </summary>
public static class AlertRuleEvaluation
{
    /// <summary>How far past the threshold (a share of it) a figure must come back before its alert resolves.</summary>
    public const decimal Hysteresis = 0.1m;

    public static (AlertRuleState Next, IReadOnlyList<AlertStateChanged> Notifications) Evaluate(AlertRule rule, AlertRuleState state, WindowFigure figure)
    {
        ArgumentNullException.ThrowIfNull(rule);
        ArgumentNullException.ThrowIfNull(state);
        ArgumentNullException.ThrowIfNull(figure);
        if (figure.Value is not { } value)
        {
            return (state, []);
        }

        var terms = rule.Terms;
        if (!state.IsOpen && Fires(terms, value, figure.Baseline) is var (fires, reference) && fires)
        {
            var alertId = $"{rule.RuleId}:{state.Firings + 1}";
            var next = state with { Firings = state.Firings + 1, OpenAlertId = alertId, OpenState = AlertStates.Firing };
            return (next, [Notification(rule, alertId, AlertStates.Firing, value, reference, figure.At)]);
        }

        if (state.IsOpen && Clears(terms, value, figure.Baseline) is var (clears, baseline) && clears)
        {
            var notification = Notification(rule, state.OpenAlertId!, AlertStates.Resolved, value, baseline, figure.At);
            return (state with { OpenAlertId = null, OpenState = null }, [notification]);
        }

        return (state, []);
    }

    /// <summary>Someone is on it: the open alert becomes acknowledged. Notifies no one; refused when <paramref name="alertId"/> is not open.</summary>
    public static AlertRuleState? Acknowledge(AlertRuleState state, string alertId) =>
        state.OpenAlertId == alertId ? state with { OpenState = AlertStates.Acknowledged } : null;

    private static (bool, decimal?) Fires(AlertRuleTerms terms, decimal value, IReadOnlyList<decimal> baseline) => terms.Condition switch
    {
        AlertConditions.Above => (value > terms.Threshold, terms.Threshold),
        AlertConditions.Below => (value < terms.Threshold, terms.Threshold),
        _ => Compare(value, baseline) is { } c ? (c.IsAnomaly, (decimal)c.Median) : (false, null),
    };

    private static (bool, decimal?) Clears(AlertRuleTerms terms, decimal value, IReadOnlyList<decimal> baseline) => terms.Condition switch
    {
        AlertConditions.Above => (value <= terms.Threshold - (Math.Abs(terms.Threshold!.Value) * Hysteresis), terms.Threshold),
        AlertConditions.Below => (value >= terms.Threshold + (Math.Abs(terms.Threshold!.Value) * Hysteresis), terms.Threshold),
        _ => Compare(value, baseline) is { } c ? (Math.Abs(c.RobustZ) < RobustBaseline.Threshold / 2, (decimal)c.Median) : (false, null),
    };

    private static BaselineComparison? Compare(decimal value, IReadOnlyList<decimal> baseline) =>
        RobustBaseline.Compare((double)value, baseline.Select(b => (double)b).ToList(), minimumDeviation: 0);

    private static AlertStateChanged Notification(AlertRule rule, string alertId, string state, decimal value, decimal? reference, DateTimeOffset at)
    {
        var terms = rule.Terms;
        var scope = terms.ScopeText.Length == 0 ? "everything" : terms.ScopeText;
        var comparison = terms.Condition == AlertConditions.Unusual ? "baseline" : terms.Condition;
        var summary = string.Create(CultureInfo.InvariantCulture,
            $"{terms.Name}: {terms.Metric} over {terms.WindowMinutes} min for {scope} is {value:0.####} ({comparison} {reference:0.####}): {state}.");
        return new AlertStateChanged
        {
            NotificationId = $"{alertId}:{state}", AlertId = alertId, RuleId = rule.RuleId, RuleName = terms.Name, Severity = terms.Severity,
            State = state, Metric = terms.Metric, Scope = terms.ScopeText, Value = value, Threshold = reference, Summary = summary,
            Channels = terms.Channels, OccurredAt = at,
        };
    }
}
