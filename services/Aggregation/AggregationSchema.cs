using Marten;
using Npgsql;
using TokenOptimizer.Aggregation.DeliveringWebhooks;
using TokenOptimizer.Aggregation.DetectingAnomalies;
using TokenOptimizer.Aggregation.EvaluatingAlertRules;
using TokenOptimizer.Aggregation.LoggingRequests;
using TokenOptimizer.Aggregation.PublishingAlerts;
using TokenOptimizer.Aggregation.RollingUpUsage;
using TokenOptimizer.Aggregation.RunningProjections;
using TokenOptimizer.Aggregation.TrackingBudgetSpend;
using TokenOptimizer.Aggregation.TrackingProviderHealth;
using TokenOptimizer.Aggregation.RetainingUsage;
using TokenOptimizer.Aggregation.RunningTheCluster;
using TokenOptimizer.UsageLog;
using TokenOptimizer.ReadModels;

namespace TokenOptimizer.Aggregation;

/// <summary>
/// Before the daemon starts: the event store ready (Marten's tables, the old log migrated), what earlier versions made
/// upgraded, every read model this service owns (their definitions live with their readers in libs/ReadModels) and its
/// own working tables, and the old projections' progress moved to Marten's daemon (or the read models reset for a
/// rebuild). Idempotent.
/// </summary>
public sealed class AggregationSchema(IDocumentStore store, NpgsqlDataSource dataSource, ProjectionCatalog catalog) : IHostedService
{
    // Serialises concurrent instances' migrations.
    private const long MigrationLockKey = 0x746f_6b65_6e00_0010;

    public static string Ddl => ReadModelUpgrades.Ddl
        + UsageRollupTables.Ddl + ProviderHealthTables.Ddl + BudgetSpendTables.Ddl + AnomaliesTable.Ddl + RequestLogTable.Ddl + UserRollupTable.Ddl
        + RetiredTables.Ddl + WebhookDeliveries.Ddl + AnomalyTables.Ddl + AlertOutbox.Ddl + AlertFeedTable.Ddl + AlertRuleTables.Ddl;

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await EventStoreSetup.PrepareAsync(store, dataSource, "public", cancellationToken);
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await using (var command = new NpgsqlCommand($"SELECT pg_advisory_xact_lock({MigrationLockKey})", connection, transaction))
        {
            await command.ExecuteNonQueryAsync(cancellationToken);
        }

        var rollupsLackATableOrColumn = await ReadModelUpgrades.RollupsLackATableOrColumnAsync(connection, transaction, cancellationToken);
        await using (var command = new NpgsqlCommand(Ddl, connection, transaction))
        {
            await command.ExecuteNonQueryAsync(cancellationToken);
        }

        if (await OldCheckpoints.MigrateAsync(catalog.Projections, connection, transaction, cancellationToken) | rollupsLackATableOrColumn)
        {
            // The old projections stood at different events, or a new rollup table or column must be filled: every read model
            // starts again from the first event (the composite has one position for all).
            await ReadModelComposite.ForgetProgressAsync(catalog.Projections, connection, transaction, cancellationToken);
            foreach (var readModel in catalog.Projections)
            {
                await readModel.ResetAsync(connection, transaction, cancellationToken);
            }
        }

        await transaction.CommitAsync(cancellationToken);
        await OrleansTables.EnsureAsync(dataSource, cancellationToken);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
