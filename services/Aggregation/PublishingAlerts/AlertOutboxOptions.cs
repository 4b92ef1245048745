namespace TokenOptimizer.Aggregation.PublishingAlerts;

/// <summary>Configuration section <c>AlertOutbox</c>.</summary>
public sealed class AlertOutboxOptions
{
    public const string Section = "AlertOutbox";

    /// <summary>How long a claimed row is left to its publisher before another may take it (covers a broker confirm's wait).</summary>
    public TimeSpan Lease { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Longest wait for the outbox's notification before looking anyway.</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>
    /// How long a published row is kept: a grain that writes the same alert again within it adds nothing (a grain
    /// writes an alert once, with the state that decided it; this covers a write retried after an unclear failure).
    /// </summary>
    public TimeSpan Retention { get; set; } = TimeSpan.FromDays(7);
}
