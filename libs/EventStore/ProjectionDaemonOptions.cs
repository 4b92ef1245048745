using Npgsql;

namespace TokenOptimizer.EventStore;

/// <summary>How a <see cref="ProjectionDaemon"/> reads and waits.</summary>
public sealed record ProjectionDaemonOptions
{
    /// <summary>Most events applied in one transaction.</summary>
    public int BatchSize { get; init; } = 1000;

    /// <summary>Longest wait for a notification before looking again anyway.</summary>
    public TimeSpan PollInterval { get; init; } = TimeSpan.FromMilliseconds(250);

    /// <summary>
    /// Dead-letter events the projection cannot apply instead of stopping: unreadable events (unknown type, malformed
    /// payload) are recorded in <see cref="Schema.ProjectionErrorsTable"/> and not passed to the projection; when a
    /// batch throws anything but an infrastructure fault (<see cref="IsTransient"/>), it is rolled back and halved
    /// until the failing event is alone, and that event is recorded with its reason and passed, however many there
    /// are: one bad event never freezes a read model. <see cref="ProjectionDaemon.ReplayDeadLettersAsync"/> applies
    /// them again after a fix. Off by default: the projection then sees unreadable events with null data, and an
    /// exception stops the daemon (to be retried by its host).
    /// The projection must keep no state across transactions that a rolled-back batch could corrupt.
    /// </summary>
    public bool SkipFailingEvents { get; init; }

    /// <summary>
    /// Whether a failure is the infrastructure's (connection lost, timeout, admin shutdown, too many connections,
    /// serialization failure) rather than the event's: such a batch is rolled back and the daemon stops, to be
    /// restarted with backoff, never dead-lettered. <see cref="ProjectionDependencyUnavailableException"/> always counts.
    /// The default is Npgsql's own judgement (<see cref="NpgsqlException.IsTransient"/>) and timeouts.
    /// </summary>
    public Func<Exception, bool> IsTransient { get; init; } = exception => exception is NpgsqlException { IsTransient: true } or TimeoutException;
}
