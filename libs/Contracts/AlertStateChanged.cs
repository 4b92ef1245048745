namespace TokenOptimizer.Contracts;

/// <summary>
/// An alert began firing or was resolved: what every notification channel (webhook, e-mail, in-app) delivers. Sent once
/// per alert and state (at least once on the bus: <see cref="NotificationId"/> is stable, so a channel drops a
/// redelivery). Version 1; fields are only ever added.
/// </summary>
public sealed record AlertStateChanged
{
    /// <summary>Stable per alert and state, e.g. <c>{AlertId}:firing</c>: a channel delivers each id once.</summary>
    public required string NotificationId { get; init; }

    /// <summary>The alert: one firing of one rule, from the moment it fired until it resolved.</summary>
    public required string AlertId { get; init; }

    /// <summary>The rule that fired (a built-in rule's id starts with <c>builtin:</c>).</summary>
    public required string RuleId { get; init; }

    /// <summary>The rule's name, as its owner wrote it.</summary>
    public required string RuleName { get; init; }

    /// <summary><see cref="AlertSeverities"/>: <c>info</c>, <c>warning</c> or <c>critical</c>.</summary>
    public required string Severity { get; init; }

    /// <summary><see cref="AlertStates"/>: <c>firing</c> or <c>resolved</c> (acknowledging notifies no one).</summary>
    public required string State { get; init; }

    /// <summary>What was measured: <c>cost</c>, <c>error_rate</c>, <c>p95_latency</c>, <c>requests</c>, <c>tokens</c>, <c>unpriced_share</c>, <c>anomaly</c>, <c>circuit</c>.</summary>
    public required string Metric { get; init; }

    /// <summary>The slice it watches, readable (e.g. <c>team=search, provider=openai</c>); empty for everything.</summary>
    public required string Scope { get; init; }

    /// <summary>The measured value that fired or resolved it, where the metric has one.</summary>
    public decimal? Value { get; init; }

    /// <summary>The threshold (or the baseline, for an unusual-value condition), where the rule has one.</summary>
    public decimal? Threshold { get; init; }

    /// <summary>One line for people: what happened, with figures. Never prompt text.</summary>
    public required string Summary { get; init; }

    /// <summary>The channel ids the rule sends to (<c>in-app</c> is always implied and need not be listed).</summary>
    public required IReadOnlyList<string> Channels { get; init; }

    /// <summary>When it fired or resolved, in the time of the usage (or event) that decided it.</summary>
    public required DateTimeOffset OccurredAt { get; init; }
}
