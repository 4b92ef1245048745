using TokenOptimizer.Aggregation.DetectingAnomalies;
using TokenOptimizer.Aggregation.EvaluatingAlertRules;
using TokenOptimizer.Aggregation.PublishingAlerts;
using TokenOptimizer.Aggregation.TrackingProviderHealth;
using TokenOptimizer.Contracts;
using TokenOptimizer.ReadModels;
using Xunit;

namespace TokenOptimizer.Aggregation.Tests;

public sealed class RaisingBuiltInAlerts
{
    private static readonly ProviderHealthOptions Options = new() { MinimumRequests = 10, HalfOpenProbes = 5, CoolDown = TimeSpan.FromSeconds(30) };
    private static readonly DateTimeOffset T0 = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    [Fact]
    public void CircuitOpening_Fires_AndItsClosing_ResolvesTheSameAlert()
    {
        // Given a burst of failures that opens the circuit, failing probes that reopen it, and good probes that close it
        var calls = Enumerable.Range(0, 12).Select(i => (i * 1.0, true))
            .Concat(Enumerable.Range(0, 5).Select(i => (45.0 + i, true)))
            .Concat(Enumerable.Range(0, 5).Select(i => (90.0 + i, false)));
        var state = CircuitState.Initial("openai");
        var alerts = new List<AlertStateChanged>();
        foreach (var (seconds, failed) in calls)
        {
            (state, var change) = CircuitBreaker.Decide(state, T0.AddSeconds(seconds), failed, Options);
            if (change is not null && BuiltInAlerts.For(change) is { } alert)
            {
                alerts.Add(alert);
            }
        }

        // Then only the first opening and the final closing notify, as one alert
        Assert.Equal([AlertStates.Firing, AlertStates.Resolved], alerts.Select(a => a.State));
        Assert.Single(alerts.Select(a => a.AlertId).Distinct());
        Assert.All(alerts, a => Assert.Equal((BuiltInAlerts.CircuitRuleId, AlertSeverities.Critical, "provider=openai"), (a.RuleId, a.Severity, a.Scope)));
        Assert.Equal(2, alerts.Select(a => OutboxMessage.For(a).MessageId).Distinct().Count());
    }

    [Fact]
    public void DetectedAnomaly_FiresAWarning()
    {
        var anomaly = new UsageAnomalyDetected
        {
            Scope = "provider:anthropic", Hour = T0, Metric = "cost_usd", Observed = 250, BaselineMedian = 100, BaselineMad = 2, RobustZ = 50.6, BaselineHours = 7,
        };

        var alert = BuiltInAlerts.For(anomaly);

        Assert.Equal((BuiltInAlerts.AnomalyRuleId, AlertStates.Firing, AlertSeverities.Warning, "provider=anthropic"), (alert.RuleId, alert.State, alert.Severity, alert.Scope));
        Assert.Equal((250m, 100m, T0.AddHours(1)), (alert.Value, alert.Threshold, alert.OccurredAt));
        Assert.Equal(BuiltInAlerts.For(anomaly).NotificationId, alert.NotificationId);
    }
}
