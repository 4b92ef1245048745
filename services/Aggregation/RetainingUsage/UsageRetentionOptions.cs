namespace TokenOptimizer.Aggregation.RetainingUsage;

/// <summary>Configuration section <c>UsageRetention</c>: how long usage events (and the ids, messages and tags they hold) are kept.</summary>
public sealed class UsageRetentionOptions
{
    public const string Section = "UsageRetention";

    /// <summary>
    /// Usage events whose call and recording are both older than this many days are deleted, once every projection has
    /// applied them; 0 keeps them forever. At least <c>UsageLog:RetentionDays</c>, so the request log can always be
    /// rebuilt; the default also covers the longest budget period (a month).
    /// </summary>
    public int Days { get; set; } = 35;

    /// <summary>How often old events are looked for.</summary>
    public TimeSpan Interval { get; set; } = TimeSpan.FromHours(1);

    /// <summary>Streams deleted per transaction: each holds back appends and the rollups' daemons while it runs.</summary>
    public int BatchSize { get; set; } = 2_000;
}
