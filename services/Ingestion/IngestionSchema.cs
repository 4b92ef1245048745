using Npgsql;
using TokenOptimizer.EventStore;
using TokenOptimizer.Ingestion.PricingModels;
using TokenOptimizer.Ingestion.Quarantining;
using TokenOptimizer.UsageLog;

namespace TokenOptimizer.Ingestion;

/// <summary>Creates the event log and ingestion's own tables, and moves old usage streams to their team-scoped ids, before anything is consumed or served.</summary>
internal sealed class IngestionSchema(NpgsqlDataSource dataSource) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await EventLog.EnsureSchemaAsync(dataSource, cancellationToken);
        await UsageStreamKeyMigration.RunAsync(dataSource, cancellationToken);
        await using var command = dataSource.CreateCommand(QuarantineTable.Ddl + UnpricedModelsTable.Ddl);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
