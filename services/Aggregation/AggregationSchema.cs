using Npgsql;
using TokenOptimizer.Aggregation.DeliveringWebhooks;
using TokenOptimizer.Aggregation.DetectingAnomalies;
using TokenOptimizer.Aggregation.RetainingUsage;
using TokenOptimizer.Aggregation.RunningTheCluster;
using TokenOptimizer.Aggregation.TrackingBudgetSpend;
using TokenOptimizer.EventStore;
using TokenOptimizer.UsageLog;
using TokenOptimizer.ReadModels;

namespace TokenOptimizer.Aggregation;

/// <summary>
/// Creates the event store's tables, every read model this service owns (their definitions live with their readers in
/// libs/ReadModels) and its own working tables before the daemons start, after upgrading what earlier versions made. Idempotent.
/// </summary>
public sealed class AggregationSchema(NpgsqlDataSource dataSource) : IHostedService
{
    // Serialises concurrent instances' migrations.
    private const long MigrationLockKey = 0x746f_6b65_6e00_0010;

    public static string Ddl => ReadModelUpgrades.Ddl
        + UsageRollupTables.Ddl + ProviderHealthTables.Ddl + BudgetSpendTables.Ddl + AnomaliesTable.Ddl + RequestLogTable.Ddl + UserRollupTable.Ddl
        + RetiredTables.Ddl + WebhookDeliveries.Ddl + AnomalyTables.Ddl;

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
