using Marten;
using Marten.Exceptions;

namespace TokenOptimizer.UsageLog;

/// <summary>
/// Starts streams of one event each, each at most once: a stream that exists already is a duplicate and is left as it
/// is. Marten's <c>StartStream</c> refuses an existing id (<see cref="ExistingStreamIdCollisionException"/>, naming it)
/// and rolls the whole session back, so the colliding id is dropped, with every other id stored by now, and the rest are
/// tried again. (Dropping only the named id made a group racing another for 500 ids retry 500 times: minutes.)
/// </summary>
public static class NewStreams
{
    /// <summary>
    /// Starts every stream of <paramref name="streams"/> that does not exist yet, in one transaction with whatever
    /// <paramref name="alsoInTransaction"/> adds to the session; returns the ids it started.
    /// </summary>
    public static async Task<IReadOnlySet<string>> StartOnceAsync(
        IDocumentStore store, IReadOnlyList<(string StreamId, object Event)> streams, CancellationToken cancellationToken,
        Action<IDocumentSession, IReadOnlySet<string>>? alsoInTransaction = null)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(streams);
        var pending = new Dictionary<string, object>(StringComparer.Ordinal);
        foreach (var (streamId, @event) in streams)
        {
            pending.TryAdd(streamId, @event);
        }

        while (pending.Count > 0)
        {
            await using var session = store.LightweightSession();
            foreach (var (streamId, @event) in pending)
            {
                session.Events.StartStream(streamId, @event);
            }

            var started = new HashSet<string>(pending.Keys, StringComparer.Ordinal);
            alsoInTransaction?.Invoke(session, started);
            try
            {
                await session.SaveChangesAsync(cancellationToken);
                return started;
            }
            catch (ExistingStreamIdCollisionException collision) when (collision.Id is string taken && pending.Remove(taken))
            {
                // Another writer (or instance) stored it first: a duplicate. One that races us usually holds many of
                // the same ids, so every id stored by now is left out before the others are tried again.
                foreach (var stored in await ExistingAsync(store, pending.Keys, cancellationToken))
                {
                    pending.Remove(stored);
                }
            }
            catch (Exception deadlock) when (IsDeadlock(deadlock))
            {
                // Two writers inserting some of the same ids in different orders: PostgreSQL chose this one to give way.
                foreach (var stored in await ExistingAsync(store, pending.Keys, cancellationToken))
                {
                    pending.Remove(stored);
                }
            }
        }

        return new HashSet<string>(StringComparer.Ordinal);
    }

    private static bool IsDeadlock(Exception exception) => exception switch
    {
        Npgsql.PostgresException { SqlState: Npgsql.PostgresErrorCodes.DeadlockDetected } => true,
        { InnerException: { } inner } => IsDeadlock(inner),
        _ => false,
    };

    /// <summary>The ids of <paramref name="streamIds"/> whose streams exist already: one look-up by the streams' key.</summary>
    public static async Task<IReadOnlyList<string>> ExistingAsync(IDocumentStore store, IEnumerable<string> streamIds, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(store);
        await using var session = store.QuerySession();
        return await session.AdvancedSql.QueryAsync<string>(
            $"SELECT id FROM {EventStoreTables.StreamsIn(store.Options.DatabaseSchemaName)} WHERE id = ANY(?)", cancellationToken, [streamIds.ToArray()]);
    }
}
