using JasperFx.Events;
using JasperFx.Events.Daemon;
using JasperFx.Events.Projections;
using Marten;
using Npgsql;
using TokenOptimizer.UsageLog;

namespace TokenOptimizer.Aggregation.RunningProjections;

/// <summary>
/// A read model kept by Marten's async daemon, as one part of the <see cref="ReadModelComposite">composite projection</see>: the
/// daemon loads and parses a page of events once for every part, each part checks every event it would apply
/// (<see cref="Admit"/>) and then writes the page with set-based statements (<see cref="ApplyAsync"/>) through the
/// daemon's own connection and transaction (Marten's <see cref="ITransactionParticipant"/>), so the read models and
/// the daemon's progress commit together: each event is applied once across crashes.
/// An event that fails its check is stored as Marten's dead letter (<see cref="DeadLetterEvent"/>) with the page, and the
/// page is applied without it.
/// </summary>
public abstract class ReadModelProjection : Marten.Events.Projections.IProjection
{
    // The composite applies its parts to a page in parallel, and Marten's batch keeps its participants in a plain list:
    // two parts registering at once lost one's page write (a rebuild left the request log or the user rollups empty,
    // three runs in three). One lock for every part, taken once per part and page.
    private static readonly Lock Registering = new();

    /// <summary>The read model's stable public name (<c>/v1/projections/{name}</c>).</summary>
    public abstract string Name { get; }

    /// <summary>The stored aliases this read model applies; the others of a page are not passed on.</summary>
    public abstract IReadOnlyCollection<string> EventTypes { get; }

    /// <summary>Applies a page's events of <see cref="EventTypes"/>, in sequence order, through the daemon's transaction.</summary>
    public abstract Task ApplyAsync(IReadOnlyList<StoredEvent> events, NpgsqlConnection connection, NpgsqlTransaction transaction, CancellationToken cancellationToken);

    /// <summary>Back to the state before the first event, ahead of a rebuild.</summary>
    public abstract Task ResetAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, CancellationToken cancellationToken);

    /// <summary>Throws what applying <paramref name="stored"/> would throw for its content (an overflow, say); nothing by default.</summary>
    public virtual void Admit(StoredEvent stored)
    {
    }

    /// <summary>The events of the page this read model applies, each admitted, or the first that is not.</summary>
    public IReadOnlyList<StoredEvent> Admitted(IReadOnlyList<IEvent> events) => [.. events.Select(AdmitOne).OfType<StoredEvent>()];

    // The event as this read model applies it, null for a type it does not apply, or the refusal.
    private StoredEvent? AdmitOne(IEvent @event)
    {
        if (!EventTypes.Contains(@event.EventTypeName))
        {
            return null;
        }

        var stored = StoredEvent.From(@event);
        try
        {
            Admit(stored);
        }
        catch (Exception exception)
        {
            throw new ReadModelRefusedEventException(Name, @event, exception);
        }

        return stored;
    }

    Task JasperFx.Events.Projections.IJasperFxProjection<IDocumentOperations>.ApplyAsync(IDocumentOperations operations, IReadOnlyList<IEvent> events, CancellationToken cancellation)
    {
        // A refused event is dead-lettered here, in the page's own transaction, not thrown to Marten: for a composite's
        // part, Marten's skip-and-retry disposes the batch every part shares, and the other parts' writes of that page
        // were lost while its progress still committed (RollupsStoppedAfterThreePoisonEvents: 477 of 700 requests in
        // the rollups, under a parallel test run).
        var page = new List<StoredEvent>(events.Count);
        foreach (var @event in events)
        {
            try
            {
                if (AdmitOne(@event) is { } stored)
                {
                    page.Add(stored);
                }
            }
            catch (ReadModelRefusedEventException refused)
            {
                operations.Store(new DeadLetterEvent(@event, new ShardName(GetType().Name), refused));
            }
        }

        if (page.Count > 0)
        {
            lock (Registering)
            {
                ((ITransactionParticipantRegistrar)operations).AddTransactionParticipant(new PageWrite(this, page));
            }
        }

        return Task.CompletedTask;
    }

    /// <summary>Writes one admitted page in the daemon's transaction, just before it commits with the progress.</summary>
    private sealed class PageWrite(ReadModelProjection projection, IReadOnlyList<StoredEvent> page) : ITransactionParticipant
    {
        public Task BeforeCommitAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, CancellationToken token) =>
            projection.ApplyAsync(page, connection, transaction, token);

        public Task AfterCommitAsync(CancellationToken token) => Task.CompletedTask;
    }
}
