namespace TokenOptimizer.ReadModels;

/// <summary>
/// Configuration section <c>Rollups</c>: how long each granularity is kept (null: forever). The owner prunes by it;
/// readers read a range's edges older than the minute retention from hours.
/// </summary>
public sealed class RollupRetentionOptions
{
    public const string Section = "Rollups";

    public TimeSpan? MinuteRetention { get; set; } = TimeSpan.FromDays(7);

    public TimeSpan? HourRetention { get; set; } = TimeSpan.FromDays(400);

    public TimeSpan? DayRetention { get; set; }

    /// <summary>How often old rows are deleted.</summary>
    public TimeSpan PruneInterval { get; set; } = TimeSpan.FromHours(1);

    public TimeSpan? RetentionOf(RollupGranularity granularity) =>
        granularity == RollupGranularity.Minute ? MinuteRetention
        : granularity == RollupGranularity.Hour ? HourRetention
        : DayRetention;
}
