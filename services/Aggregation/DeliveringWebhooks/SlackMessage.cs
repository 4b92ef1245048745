using System.Globalization;
using System.Text.Json;
using TokenOptimizer.Aggregation.TrackingBudgetSpend;
using TokenOptimizer.Contracts;

namespace TokenOptimizer.Aggregation.DeliveringWebhooks;

/// <summary>A Slack incoming-webhook body (<c>{"text": …}</c>, with the figures as fields for other receivers).</summary>
public static class SlackMessage
{
    public static string For(BudgetThresholdReached crossing)
    {
        var scope = crossing.ScopeValue is null ? "the organisation" : $"{crossing.ScopeKind} {crossing.ScopeValue}";
        var text = string.Create(CultureInfo.InvariantCulture,
            $":warning: Budget *{crossing.BudgetName}* ({scope}) reached {crossing.ThresholdPercent:0.##}%: ${crossing.SpentUsd:0.00} of ${crossing.AmountUsd:0.00} for {crossing.PeriodStart:yyyy-MM-dd} – {crossing.PeriodEnd.AddTicks(-1):yyyy-MM-dd}.");
        return JsonSerializer.Serialize(new
        {
            text,
            budgetId = crossing.BudgetId,
            thresholdPercent = crossing.ThresholdPercent,
            spentUsd = crossing.SpentUsd,
            amountUsd = crossing.AmountUsd,
            periodStart = crossing.PeriodStart,
            periodEnd = crossing.PeriodEnd,
            crossedAt = crossing.CrossedAt,
        }, JsonSerializerOptions.Web);
    }

    public static string For(AlertStateChanged alert)
    {
        ArgumentNullException.ThrowIfNull(alert);
        var icon = alert.State == AlertStates.Resolved ? ":white_check_mark:" : alert.Severity == AlertSeverities.Critical ? ":rotating_light:" : ":warning:";
        var text = $"{icon} *{alert.RuleName}* {alert.State} ({alert.Severity}): {alert.Summary}";
        return JsonSerializer.Serialize(new
        {
            text,
            notificationId = alert.NotificationId,
            alertId = alert.AlertId,
            ruleId = alert.RuleId,
            severity = alert.Severity,
            state = alert.State,
            metric = alert.Metric,
            scope = alert.Scope,
            value = alert.Value,
            threshold = alert.Threshold,
            occurredAt = alert.OccurredAt,
        }, JsonSerializerOptions.Web);
    }
}
