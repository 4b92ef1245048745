using JasperFx.Events;
using Marten;

namespace TokenOptimizer.UsageLog;

/// <summary>
/// Reads one stream, and appends to it at the version the caller decided from (optimistic concurrency): the decide
/// functions of prices, budgets, SLO targets and re-prices read a stream, decide, and append only if nothing came between.
/// </summary>
public static class EventStreams
{
    /// <summary>Every event of one stream, in version order; empty when it does not exist.</summary>
    public static async Task<IReadOnlyList<StoredEvent>> ReadAsync(IDocumentStore store, string streamId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(store);
        await using var session = store.QuerySession();
        return [.. (await session.Events.FetchStreamAsync(streamId, token: cancellationToken)).Select(StoredEvent.From)];
    }

    /// <summary>
    /// Appends <paramref name="events"/> to a stream that must be at <paramref name="version"/> (0: must not exist yet).
    /// </summary>
    /// <exception cref="StreamVersionConflictException">The stream was at another version.</exception>
    public static async Task AppendAsync(IDocumentStore store, string streamId, long version, IReadOnlyList<object> events, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(events);
        await using var session = store.LightweightSession();
        if (version == 0)
        {
            session.Events.StartStream(streamId, [.. events]);
        }
        else
        {
            // Marten's expected version is the stream's version once these are appended.
            session.Events.Append(streamId, version + events.Count, [.. events]);
        }

        try
        {
            await session.SaveChangesAsync(cancellationToken);
        }
        catch (Exception exception) when (exception is Marten.Exceptions.ExistingStreamIdCollisionException or JasperFx.ConcurrencyException)
        {
            throw new StreamVersionConflictException(streamId, version, exception);
        }
    }

    /// <summary>Appends <paramref name="events"/> to a stream, whatever its version (starting it if it does not exist).</summary>
    public static async Task AppendAnyAsync(IDocumentStore store, string streamId, IReadOnlyList<object> events, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(events);
        await using var session = store.LightweightSession();
        session.Events.Append(streamId, [.. events]);
        await session.SaveChangesAsync(cancellationToken);
    }
}
