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

    /// <summary>Longest wait for an append notification before looking anyway; bounds the follow lag.</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromMilliseconds(250);

    /// <summary>First pause before restarting a daemon that failed (doubling up to <see cref="MaxRestartDelay"/>, and back to this once it succeeds).</summary>
    public TimeSpan RestartDelay { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>
    /// Longest pause between restarts: how long the read models may stay behind after the database is back. A restart
    /// costs one connection attempt, so 5 s is cheap; the minute it used to be kept dashboards frozen long after an outage.
    /// </summary>
    public TimeSpan MaxRestartDelay { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>
    /// How long a gap in the event sequence is taken for an append still in flight before the daemon passes it (a burnt
    /// number: a rolled-back append or a COPY that collided). Marten's 3 s lost events on a loaded machine.
    /// </summary>
    public TimeSpan StaleSequenceThreshold { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How often the projection metrics (dead letters, lag) are sampled.</summary>
    public TimeSpan MetricsInterval { get; set; } = TimeSpan.FromSeconds(10);
}
