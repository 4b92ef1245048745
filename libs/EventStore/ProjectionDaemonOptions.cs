namespace TokenOptimizer.EventStore;

/// <summary>How a <see cref="ProjectionDaemon"/> reads and waits.</summary>
public sealed record ProjectionDaemonOptions
{
    /// <summary>Most events applied in one transaction.</summary>
    public int BatchSize { get; init; } = 1000;

    /// <summary>Longest wait for a notification before looking again anyway.</summary>
    public TimeSpan PollInterval { get; init; } = TimeSpan.FromMilliseconds(250);

    /// <summary>
    /// Skip events the projection cannot apply instead of stopping: unreadable events (unknown type, malformed
    /// payload) are recorded in <see cref="Schema.ProjectionErrorsTable"/> and not passed to the projection; when a
    /// batch throws, it is rolled back and retried one event per transaction, and an event that still throws on
    /// its own is recorded and skipped. Off by default: the projection then sees unreadable events with null
    /// data, and an exception stops the daemon (to be retried by its host).
    /// The projection must keep no state across transactions that a rolled-back batch could corrupt.
    /// </summary>
    public bool SkipFailingEvents { get; init; }

    /// <summary>
    /// With <see cref="SkipFailingEvents"/>: how many events in a row may be skipped for throwing before the
    /// daemon concludes the fault is not the events' (a bug, a schema mismatch) and stops instead, so a systemic
    /// failure costs at most this many skipped (and recorded) events rather than all of them.
    /// </summary>
    public int MaxConsecutiveSkips { get; init; } = 3;
}
