namespace TokenOptimizer.EventStore;

/// <summary>How a <see cref="ProjectionDaemon"/> reads and waits.</summary>
public sealed record ProjectionDaemonOptions
{
    /// <summary>Most events applied in one transaction.</summary>
    public int BatchSize { get; init; } = 1000;

    /// <summary>Longest wait for a notification before looking again anyway.</summary>
    public TimeSpan PollInterval { get; init; } = TimeSpan.FromMilliseconds(250);
}
