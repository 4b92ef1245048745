using JasperFx;
using Marten;
using Npgsql;

namespace TokenOptimizer.UsageLog;

/// <summary>
/// Makes the event store ready before a service reads or writes it: Marten's tables (created or updated once, here,
/// never on the fly: the store runs with <c>AutoCreate.None</c>), then the one-time copy of the old log
/// (<see cref="OldEventLogMigration"/>). Ingestion and Aggregation both run it at start-up (Recommendations for its own store); an advisory lock makes the
/// second wait for the first and then find everything done.
/// </summary>
public static class EventStoreSetup
{
    private const long SetupLockKey = 0x746f_6b65_6e00_0001;

    /// <summary>
    /// Applies the store's schema and migrates the old log of <paramref name="oldLogSchema"/> (<c>public</c> for usage),
    /// serialised across every instance of every service.
    /// </summary>
    public static async Task PrepareAsync(IDocumentStore store, NpgsqlDataSource dataSource, string oldLogSchema, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(dataSource);
        // A session-level lock on a connection of its own: Marten's schema work runs on connections it opens itself.
        await using var lockConnection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using (var take = new NpgsqlCommand($"SELECT pg_advisory_lock({SetupLockKey})", lockConnection))
        {
            await take.ExecuteNonQueryAsync(cancellationToken);
        }

        try
        {
            await store.Storage.ApplyAllConfiguredChangesToDatabaseAsync(AutoCreate.CreateOrUpdate);
            if (await OldEventLogMigration.RunAsync(dataSource, oldLogSchema, store.Options.DatabaseSchemaName, cancellationToken) > 0)
            {
                // A migrated log is a bulk load: without fresh statistics the first catch-up over it took 5× longer.
                // Only then: on every start it would re-sample tables of millions of rows for nothing.
                var (streams, events) = (EventStoreTables.StreamsIn(store.Options.DatabaseSchemaName), EventStoreTables.EventsIn(store.Options.DatabaseSchemaName));
                await using var analyze = new NpgsqlCommand($"ANALYZE {events}; ANALYZE {streams};", lockConnection);
                await analyze.ExecuteNonQueryAsync(cancellationToken);
            }
        }
        finally
        {
            await using var release = new NpgsqlCommand($"SELECT pg_advisory_unlock({SetupLockKey})", lockConnection);
            await release.ExecuteNonQueryAsync(CancellationToken.None);
        }
    }
}
