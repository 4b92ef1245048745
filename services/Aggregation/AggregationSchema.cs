using Npgsql;
using TokenOptimizer.Aggregation.DeliveringWebhooks;
using TokenOptimizer.Aggregation.DetectingAnomalies;
using TokenOptimizer.Aggregation.LoggingRequests;
using TokenOptimizer.Aggregation.RollingUpUsage;
using TokenOptimizer.Aggregation.RunningTheCluster;
using TokenOptimizer.Aggregation.TrackingBudgetSpend;
using TokenOptimizer.Aggregation.TrackingProviderHealth;
using TokenOptimizer.EventStore;
using TokenOptimizer.UsageLog;

namespace TokenOptimizer.Aggregation;

/// <summary>Creates the event store's tables and every read model before the daemons start. Idempotent.</summary>
public sealed class AggregationSchema(NpgsqlDataSource dataSource) : IHostedService
{
    // Serialises concurrent instances' migrations.
    private const long MigrationLockKey = 0x746f_6b65_6e00_0010;

    public static string Ddl => UsageRollupTables.Ddl + ProviderHealthTables.Ddl + BudgetSpendTables.Ddl + WebhookDeliveries.Ddl + AnomalyTables.Ddl + UsageLogTables.Ddl + UserRollupTables.Ddl;

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await EventLog.EnsureSchemaAsync(dataSource, cancellationToken);
        // Before any daemon looks a call up by its stream id (Ingestion runs it too; the first one to start does it).
        await UsageStreamKeyMigration.RunAsync(dataSource, cancellationToken);
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await using (var command = new NpgsqlCommand($"SELECT pg_advisory_xact_lock({MigrationLockKey}); {Ddl}", connection, transaction))
        {
            await command.ExecuteNonQueryAsync(cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
        await OrleansTables.EnsureAsync(dataSource, cancellationToken);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
