using System.Globalization;
using System.Net;
using TokenOptimizer.Contracts;

namespace TokenOptimizer.Aggregation.DeliveringNotifications;

/// <summary>An alert's e-mail: subject, plain text and HTML, from the alert's figures (never prompt text: the message carries none).</summary>
public sealed record NotificationMail(string Subject, string Text, string Html)
{
    public static NotificationMail For(AlertStateChanged alert)
    {
        ArgumentNullException.ThrowIfNull(alert);
        var subject = $"[{alert.Severity}] {alert.RuleName} {(alert.State == AlertStates.Resolved ? "resolved" : "firing")}";
        var lines = new List<(string Label, string Value)>
        {
            ("Rule", alert.RuleName),
            ("State", alert.State),
            ("Severity", alert.Severity),
            ("Metric", alert.Metric),
            ("Scope", alert.Scope.Length == 0 ? "everything" : alert.Scope),
        };
        if (alert.Value is { } value)
        {
            lines.Add(("Value", value.ToString("0.####", CultureInfo.InvariantCulture)));
        }

        if (alert.Threshold is { } threshold)
        {
            lines.Add(("Threshold", threshold.ToString("0.####", CultureInfo.InvariantCulture)));
        }

        lines.Add(("At", alert.OccurredAt.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss 'UTC'", CultureInfo.InvariantCulture)));
        var text = alert.Summary + "\n\n" + string.Join("\n", lines.Select(l => $"{l.Label}: {l.Value}")) + "\n";
        var html = $"<p>{WebUtility.HtmlEncode(alert.Summary)}</p><table>"
            + string.Concat(lines.Select(l => $"<tr><th align=\"left\">{WebUtility.HtmlEncode(l.Label)}</th><td>{WebUtility.HtmlEncode(l.Value)}</td></tr>"))
            + "</table>";
        return new NotificationMail(subject, text, html);
    }
}
