using Npgsql;

namespace TokenOptimizer.EventStore.Schema;

/// <summary>Creates the event store's tables. Idempotent, and safe when several services start at once.</summary>
internal static class EventStoreSchema
{
    // Serialises concurrent migrations: CREATE TABLE IF NOT EXISTS alone races on the catalog.
    private const long MigrationLockKey = 0x746f_6b65_6e00_0001;

    public static async Task EnsureAsync(NpgsqlDataSource dataSource, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await using (var command = new NpgsqlCommand(
            $"SELECT pg_advisory_xact_lock({MigrationLockKey}); {EventsTable.Ddl} {ProjectionCheckpointsTable.Ddl} {ProjectionErrorsTable.Ddl}",
            connection, transaction))
        {
            await command.ExecuteNonQueryAsync(cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
    }
}
