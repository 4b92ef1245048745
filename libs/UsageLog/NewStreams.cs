using Marten;
using Marten.Exceptions;

namespace TokenOptimizer.UsageLog;

/// <summary>
/// Starts streams of one event each, each at most once: a stream that exists already is a duplicate and is left as it
/// is. Marten's <c>StartStream</c> refuses an existing id (<see cref="ExistingStreamIdCollisionException"/>, naming it)
/// and rolls the whole session back, so the colliding id is dropped and the rest are tried again.
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
                // Another writer (or instance) stored it first: a duplicate. Try the others again.
            }
        }

        return new HashSet<string>(StringComparer.Ordinal);
    }
}
