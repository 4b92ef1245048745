namespace TokenOptimizer.Aggregation.DeliveringWebhooks;

/// <summary>Configuration section <c>Webhooks</c>.</summary>
public sealed class WebhookOptions
{
    public const string Section = "Webhooks";

    /// <summary>How long a receiver may take to answer before the attempt counts as a timeout.</summary>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Attempts before a delivery is recorded as failed.</summary>
    public int MaxAttempts { get; set; } = 6;

    /// <summary>Pause after the first failed attempt; doubled after each further one.</summary>
    public TimeSpan FirstRetryDelay { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>How often due deliveries are looked for.</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>
    /// Hosts webhooks may reach although they are loopback, private, link-local or metadata addresses (see
    /// <see cref="WebhookTargets"/>): host names (exact), addresses, or ranges in CIDR notation such as <c>10.1.0.0/16</c>.
    /// </summary>
    public List<string> AllowedHosts { get; set; } = [];
}
