namespace TokenOptimizer.Aggregation.RunningProjections;

/// <summary>Configuration section <c>Projections</c>.</summary>
public sealed class ProjectionOptions
{
    public const string Section = "Projections";

    /// <summary>Whether this instance runs the daemons (an instance that only serves reads may not).</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>
    /// Most events applied in one transaction. It only binds while catching up (a follower applies whatever
    /// arrived since its last batch), and there bigger is cheaper: rows touched again and again (a user's day,
    /// a model's minute) are written once per batch. 100,000 made a 1M-event catch-up 1.7 times faster than 5,000.
    /// </summary>
    public int BatchSize { get; set; } = 100_000;

    /// <summary>How often the projection metrics (dead letters, lag) are sampled.</summary>
    public TimeSpan MetricsInterval { get; set; } = TimeSpan.FromSeconds(10);
}
