using Marten;
using Npgsql;
using TokenOptimizer.Ingestion.PricingModels;
using TokenOptimizer.Ingestion.Quarantining;
using TokenOptimizer.UsageLog;

namespace TokenOptimizer.Ingestion;

/// <summary>Makes the event store ready (Marten's tables, the old log migrated) and creates ingestion's own tables, before anything is consumed or served.</summary>
internal sealed class IngestionSchema(IDocumentStore store, NpgsqlDataSource dataSource) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await EventStoreSetup.PrepareAsync(store, dataSource, "public", cancellationToken);
        await using var command = dataSource.CreateCommand(QuarantineTable.Ddl + UnpricedModelsTable.Ddl);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
