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
    /// batch throws what the event caused (<see cref="IsCausedByEvent"/>), it is rolled back and halved
    /// until the failing event is alone, and that event is recorded with its reason and passed, however many there
    /// are: one bad event never freezes a read model. <see cref="ProjectionDaemon.ReplayDeadLettersAsync"/> applies
    /// them again after a fix. Off by default: the projection then sees unreadable events with null data, and an
    /// exception stops the daemon (to be retried by its host).
    /// The projection must keep no state across transactions that a rolled-back batch could corrupt.
    /// </summary>
    public bool SkipFailingEvents { get; init; }

    /// <summary>
    /// Whether a failure is the event's own, so that it would fail again however often it is retried: the projection's
    /// own exceptions, and PostgreSQL's data, integrity and limit errors (SQLSTATE classes 22, 23, 54: an overflow, a NUL,
    /// an index entry too long). Such an event is dead-lettered. Anything else from the database (a lost connection, a
    /// timeout, an admin shutdown, too many connections, a serialization failure, and also a missing table: the
    /// deployment's fault, not the event's) stops the daemon, to be restarted with backoff, and nothing is skipped.
    /// </summary>
    public Func<Exception, bool> IsCausedByEvent { get; init; } = exception => exception switch
    {
        PostgresException postgres => postgres.SqlState[..2] is "22" or "23" or "54",
        NpgsqlException or TimeoutException => false,
        _ => true,
    };
}
