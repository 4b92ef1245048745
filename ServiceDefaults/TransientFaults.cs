using MassTransit;
using Npgsql;

namespace TokenOptimizer.ServiceDefaults;

/// <summary>
/// Tells an infrastructure fault (PostgreSQL or RabbitMQ unreachable, restarting, overloaded; a timeout) from a fault
/// of the work itself. The first is retried until the dependency is back and never parks or skips anything; the
/// second is isolated and quarantined or dead-lettered. One rule for the bus consumers and the projection daemons.
/// </summary>
public static class TransientFaults
{
    /// <summary>
    /// True for Npgsql's own transient judgement (connection failures, 08xxx, admin and crash shutdown 57P0x, too many
    /// connections and other 53xxx, serialization failures and deadlocks 40001/40P01, lock timeouts), timeouts, and a
    /// broker connection lost, found anywhere in the exception's chain of causes.
    /// </summary>
    public static bool IsTransient(Exception exception) => exception switch
    {
        NpgsqlException { IsTransient: true } or TimeoutException or ConnectionException => true,
        AggregateException aggregate => aggregate.InnerExceptions.Any(IsTransient),
        { InnerException: { } inner } => IsTransient(inner),
        _ => false,
    };
}
