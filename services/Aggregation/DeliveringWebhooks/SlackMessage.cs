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

    public static string For(AlertStateChanged change)
    {
        ArgumentNullException.ThrowIfNull(change);
        var icon = change.State == AlertStates.Resolved ? ":white_check_mark:" : change.Severity == AlertSeverities.Critical ? ":rotating_light:" : ":warning:";
        return JsonSerializer.Serialize(new
        {
            text = $"{icon} [{change.Severity}] {change.Summary}",
            alertId = change.AlertId,
            ruleId = change.RuleId,
            state = change.State,
            severity = change.Severity,
            metric = change.Metric,
            scope = change.Scope,
            value = change.Value,
            threshold = change.Threshold,
            occurredAt = change.OccurredAt,
        }, JsonSerializerOptions.Web);
    }
}
