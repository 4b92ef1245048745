namespace TokenOptimizer.Aggregation.LoggingRequests;

/// <summary>Configuration section <c>UsageLog</c>: how long the request log keeps a call (pruned with the other read models, <c>Rollups:PruneInterval</c>).</summary>
public sealed class UsageLogOptions
{
    public const string Section = "UsageLog";

    /// <summary>Calls older than this many days (by when they were made) are deleted.</summary>
    public int RetentionDays { get; set; } = 30;
}
