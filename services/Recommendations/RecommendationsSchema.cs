using Marten;
using Npgsql;
using TokenOptimizer.Recommendations.Lifecycle;
using TokenOptimizer.UsageLog;
using TokenOptimizer.ReadModels;

namespace TokenOptimizer.Recommendations;

/// <summary>
/// This service keeps its own Marten event store and read model in the PostgreSQL schema <c>recommendations</c>: its
/// connections put that schema first on the search path, so its tables are found there, while Aggregation's read models
/// (<c>usage_requests</c>, budgets) are still found in <c>public</c>. At start-up the store's tables are applied and the log
/// of earlier versions (<c>recommendations.events</c>) is copied into them; the list is then folded again from every
/// event (they are few), since the old list was kept by a projection that may have been behind.
/// </summary>
public sealed class RecommendationsSchema(IDocumentStore store, NpgsqlDataSource dataSource) : IHostedService
{
    public const string Name = RecommendationListTable.Schema;

    public const string SearchPath = Name + ", public";

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await using (var command = dataSource.CreateCommand($"CREATE SCHEMA IF NOT EXISTS {Name}; {RecommendationListTable.Ddl}"))
        {
            await command.ExecuteNonQueryAsync(cancellationToken);
        }

        var migrating = await ExistsAsync($"{Name}.events", cancellationToken);
        await EventStoreSetup.PrepareAsync(store, dataSource, Name, cancellationToken);
        if (migrating)
        {
            await RefoldListAsync(cancellationToken);
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    private async Task RefoldListAsync(CancellationToken cancellationToken)
    {
        await using var session = store.QuerySession();
        var events = (await session.Events.QueryAllRawEvents().OrderBy(e => e.Sequence).ToListAsync(cancellationToken)).Select(StoredEvent.From).ToList();
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await using (var reset = new NpgsqlCommand($"TRUNCATE {RecommendationListTable.Name}; DROP TABLE IF EXISTS {Name}.projection_checkpoints, {Name}.projection_errors", connection, transaction))
        {
            await reset.ExecuteNonQueryAsync(cancellationToken);
        }

        await RecommendationListProjection.ApplyAsync(events, connection, transaction, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
    }

    private async Task<bool> ExistsAsync(string table, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand($"SELECT to_regclass('{table}') IS NOT NULL");
        return (bool)(await command.ExecuteScalarAsync(cancellationToken))!;
    }
}
