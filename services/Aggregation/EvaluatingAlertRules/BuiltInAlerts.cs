using System.Globalization;
using TokenOptimizer.Aggregation.DetectingAnomalies;
using TokenOptimizer.Aggregation.TrackingProviderHealth;
using TokenOptimizer.Contracts;

namespace TokenOptimizer.Aggregation.EvaluatingAlertRules;

/// <summary>
/// The rules on by default: a provider's circuit opening (critical; resolved when it closes again) and a detected usage
/// anomaly (warning). They are decided where the figures already are — the provider's grain and the anomaly
/// projection — and go out through the alert outbox with the state that decided them.
/// </summary>
public static class BuiltInAlerts
{
    public const string CircuitRuleId = "builtin:circuit-open";
    public const string AnomalyRuleId = "builtin:anomaly";

    /// <summary>The alert a circuit change opens or resolves: opening from closed fires, closing resolves; the steps between notify no one.</summary>
    public static AlertStateChanged? For(CircuitChanged change)
    {
        ArgumentNullException.ThrowIfNull(change);
        var (state, startedAt) = (change.From, change.To) switch
        {
            (CircuitStates.Closed, CircuitStates.Open) => (AlertStates.Firing, change.At),
            (_, CircuitStates.Closed) when change.EndedIncident is { } incident => (AlertStates.Resolved, incident.StartedAt),
            _ => (null, default),
        };
        if (state is null)
        {
            return null;
        }

        // One alert per incident: the opening and the closing name the same start, so they share the alert id.
        var alertId = string.Create(CultureInfo.InvariantCulture, $"{CircuitRuleId}:{change.Provider}:{startedAt.UtcDateTime:yyyyMMddTHHmmss.fffZ}");
        var summary = state == AlertStates.Firing
            ? string.Create(CultureInfo.InvariantCulture, $"Circuit for {change.Provider} opened: error rate {change.ErrorRate:P1} over {change.WindowRequests} requests.")
            : $"Circuit for {change.Provider} closed again.";
        return new AlertStateChanged
        {
            NotificationId = $"{alertId}:{state}", AlertId = alertId, RuleId = CircuitRuleId, RuleName = "Provider circuit open",
            Severity = AlertSeverities.Critical, State = state, Metric = AlertMetrics.Circuit, Scope = $"provider={change.Provider}",
            Value = decimal.Round((decimal)change.ErrorRate, 4), Summary = summary, Channels = [], OccurredAt = change.At,
        };
    }

    /// <summary>The alert a detected anomaly fires. An anomaly judges one finished hour, so there is nothing later to resolve it: someone acknowledges it.</summary>
    public static AlertStateChanged For(UsageAnomalyDetected anomaly)
    {
        ArgumentNullException.ThrowIfNull(anomaly);
        var alertId = $"{AnomalyRuleId}:{anomaly.StreamId}";
        var scope = anomaly.Scope.StartsWith("provider:", StringComparison.Ordinal) ? "provider=" + anomaly.Scope["provider:".Length..] : "";
        var summary = string.Create(CultureInfo.InvariantCulture,
            $"Unusual {anomaly.Metric} for {(scope.Length == 0 ? "everything" : scope)} in the hour from {anomaly.Hour:yyyy-MM-dd HH:mm}Z: {anomaly.Observed:0.####} against a baseline of {anomaly.BaselineMedian:0.####} (z {anomaly.RobustZ:0.#}).");
        return new AlertStateChanged
        {
            NotificationId = $"{alertId}:{AlertStates.Firing}", AlertId = alertId, RuleId = AnomalyRuleId, RuleName = "Usage anomaly",
            Severity = AlertSeverities.Warning, State = AlertStates.Firing, Metric = AlertMetrics.Anomaly, Scope = scope,
            Value = (decimal)anomaly.Observed, Threshold = (decimal)anomaly.BaselineMedian, Summary = summary, Channels = [],
            OccurredAt = anomaly.Hour.AddHours(1),
        };
    }
}
