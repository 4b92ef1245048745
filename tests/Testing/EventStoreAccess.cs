using Marten;
using TokenOptimizer.UsageLog;

namespace TokenOptimizer.Testing;

/// <summary>The event store as tests use it: read a stream, append to one, as the services do through Marten.</summary>
public static class EventStoreAccess
{
    /// <summary>Every event of one stream, in version order.</summary>
    public static Task<IReadOnlyList<StoredEvent>> FetchStreamAsync(this IDocumentStore store, string streamId) =>
        EventStreams.ReadAsync(store, streamId, CancellationToken.None);

    /// <summary>Appends to a stream at its current <paramref name="version"/> (0: a new stream).</summary>
    public static Task AppendAsync(this IDocumentStore store, string streamId, long version, params object[] events) =>
        EventStreams.AppendAsync(store, streamId, version, events, CancellationToken.None);

    /// <summary>Appends to a stream whatever its version.</summary>
    public static Task AppendAnyAsync(this IDocumentStore store, string streamId, params object[] events) =>
        EventStreams.AppendAnyAsync(store, streamId, events, CancellationToken.None);

    /// <summary>A store over <paramref name="connectionString"/> configured as the services configure it, its schema applied.</summary>
    public static async Task<DocumentStore> OpenAsync(string connectionString, Action<StoreOptions>? more = null)
    {
        var store = DocumentStore.For(options =>
        {
            options.Connection(connectionString);
            UsageEventStore.Configure(options);
            more?.Invoke(options);
        });
        await store.Storage.ApplyAllConfiguredChangesToDatabaseAsync(JasperFx.AutoCreate.CreateOrUpdate);
        return store;
    }
}
