using TokenOptimizer.Aggregation.EvaluatingAlertRules;
using TokenOptimizer.Contracts;
using Xunit;

namespace TokenOptimizer.Aggregation.Tests;

/// <summary>Rule evaluation per condition kind; time is the figure's, moved by the test a minute at a time.</summary>
public sealed class EvaluatingAlertRules
{
    private static readonly DateTimeOffset T0 = new(2026, 3, 2, 9, 0, 0, TimeSpan.Zero);

    private static AlertRule Rule(string condition, decimal? threshold) => new("r1", new AlertRuleTerms
    {
        Name = "Search spend", Metric = AlertMetrics.Cost, Scope = new Dictionary<string, string> { ["team"] = "search" }, WindowMinutes = 60,
        Condition = condition, Threshold = threshold, Severity = AlertSeverities.Warning,
    });

    /// <summary>Feeds the figures a minute apart and returns every notification, in order.</summary>
    private static (AlertRuleState State, List<AlertStateChanged> Notifications) Run(AlertRule rule, params decimal?[] values) =>
        Run(rule, [], values);

    private static (AlertRuleState State, List<AlertStateChanged> Notifications) Run(AlertRule rule, IReadOnlyList<decimal> baseline, params decimal?[] values)
    {
        var state = AlertRuleState.Quiet(rule.RuleId);
        var notifications = new List<AlertStateChanged>();
        for (var minute = 0; minute < values.Length; minute++)
        {
            (state, var owed) = AlertRuleEvaluation.Evaluate(rule, state, new WindowFigure(values[minute], baseline, T0.AddMinutes(minute)));
            notifications.AddRange(owed);
        }

        return (state, notifications);
    }

    [Fact]
    public void AboveThreshold_CrossedOnce_FiresOnce()
    {
        var (state, notifications) = Run(Rule(AlertConditions.Above, 100m), 80m, 101m, 120m, 150m);

        var firing = Assert.Single(notifications);
        Assert.Equal((AlertStates.Firing, "r1:1", "r1:1:firing", 101m, 100m), (firing.State, firing.AlertId, firing.NotificationId, firing.Value, firing.Threshold));
        Assert.Equal(T0.AddMinutes(1), firing.OccurredAt);
        Assert.Equal("team=search", firing.Scope);
        Assert.Equal(AlertStates.Firing, state.OpenState);
    }

    [Fact]
    public void ValueHoveringAtTheThreshold_DoesNotFlap()
    {
        // Resolving needs 10% below the threshold (90): 99 and 95 keep it firing.
        var (_, notifications) = Run(Rule(AlertConditions.Above, 100m), 101m, 99m, 101m, 95m, 102m);

        Assert.Equal([AlertStates.Firing], notifications.Select(n => n.State));
    }

    [Fact]
    public void BackPastTheHysteresis_ResolvesOnce_AndTheNextCrossingIsANewAlert()
    {
        var (state, notifications) = Run(Rule(AlertConditions.Above, 100m), 101m, 90m, 50m, 130m);

        Assert.Equal(
            [(AlertStates.Firing, "r1:1", T0), (AlertStates.Resolved, "r1:1", T0.AddMinutes(1)), (AlertStates.Firing, "r1:2", T0.AddMinutes(3))],
            notifications.Select(n => (n.State, n.AlertId, n.OccurredAt)));
        Assert.Equal(2, state.Firings);
    }

    [Fact]
    public void BelowThreshold_FiresUnder_AndResolvesTenPercentAbove()
    {
        var (_, notifications) = Run(Rule(AlertConditions.Below, 50m), 60m, 49m, 54m, 55m);

        Assert.Equal([(AlertStates.Firing, 49m), (AlertStates.Resolved, 55m)], notifications.Select(n => (n.State, n.Value!.Value)));
    }

    [Fact]
    public void Unusual_FiresAgainstItsOwnBaseline_AndResolvesWhenBackWithinIt()
    {
        // Baseline median 100, MAD 2: z = 0.6745 · (250 − 100) / 2 ≈ 50.6 fires; 101 (z ≈ 0.34) resolves; 106 (z ≈ 2.02) alone neither fires nor resolves.
        decimal[] week = [100, 104, 97, 101, 99, 103, 98];
        var (_, notifications) = Run(Rule(AlertConditions.Unusual, null), week, 106m, 250m, 106m, 101m);

        Assert.Equal([(AlertStates.Firing, 250m, 100m), (AlertStates.Resolved, 101m, 100m)], notifications.Select(n => (n.State, n.Value!.Value, n.Threshold!.Value)));
    }

    [Fact]
    public void NothingToMeasure_NeitherFiresNorResolves()
    {
        var (state, notifications) = Run(Rule(AlertConditions.Above, 100m), 120m, null, null);

        Assert.Single(notifications);
        Assert.Equal(AlertStates.Firing, state.OpenState);
    }

    [Fact]
    public void Acknowledging_KeepsItOpen_AndResolvingStillNotifies()
    {
        var rule = Rule(AlertConditions.Above, 100m);
        var (firing, _) = Run(rule, 120m);

        var acknowledged = AlertRuleEvaluation.Acknowledge(firing, "r1:1")!;
        var (resolved, owed) = AlertRuleEvaluation.Evaluate(rule, acknowledged, new WindowFigure(10m, [], T0.AddMinutes(5)));

        Assert.Equal(AlertStates.Acknowledged, acknowledged.OpenState);
        Assert.Null(AlertRuleEvaluation.Acknowledge(firing, "r1:2"));
        Assert.Equal(AlertStates.Resolved, Assert.Single(owed).State);
        Assert.False(resolved.IsOpen);
    }
}
