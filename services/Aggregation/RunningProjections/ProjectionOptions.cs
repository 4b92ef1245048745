namespace TokenOptimizer.Aggregation.RunningProjections;

/// <summary>Configuration section <c>Projections</c>.</summary>
public sealed class ProjectionOptions
{
    public const string Section = "Projections";

    /// <summary>Whether this instance runs the daemons (an instance that only serves reads may not).</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>Most events applied in one transaction.</summary>
    public int BatchSize { get; set; } = 5000;

    /// <summary>Longest wait for an append notification before looking anyway; bounds the follow lag.</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromMilliseconds(250);

    /// <summary>First pause before restarting a daemon that failed (doubling up to a minute).</summary>
    public TimeSpan RestartDelay { get; set; } = TimeSpan.FromSeconds(1);
}
