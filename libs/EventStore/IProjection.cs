using Npgsql;

namespace TokenOptimizer.EventStore;

/// <summary>
/// A read model kept up to date from the log. The daemon calls it inside the transaction that also
/// moves its checkpoint, so whatever it writes through the given connection commits with the
/// checkpoint or not at all.
/// </summary>
public interface IProjection
{
    /// <summary>The projection's stable name; its checkpoint is stored under it.</summary>
    string Name { get; }

    /// <summary>
    /// The stored aliases this projection applies, or null (the default) for every event. The daemon then does
    /// not read other known types at all, which saves fetching and deserialising them; events of types the log's
    /// registry does not know are still passed on (or recorded as unreadable), never silently skipped.
    /// </summary>
    IReadOnlyCollection<string>? EventTypes => null;

    /// <summary>Applies events, in sequence order, writing through the given transaction.</summary>
    Task ApplyAsync(IReadOnlyList<StoredEvent> events, NpgsqlConnection connection, NpgsqlTransaction transaction, CancellationToken cancellationToken);

    /// <summary>Deletes the read model, before a rebuild from the first event.</summary>
    Task ResetAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, CancellationToken cancellationToken);
}
