using Npgsql;
using TokenOptimizer.EventStore;
using TokenOptimizer.ReadModels;

namespace TokenOptimizer.Recommendations;

/// <summary>
/// This service keeps its own event log and read model in the PostgreSQL schema <c>recommendations</c>: its
/// connections put that schema first on the search path, so the event store's tables are created there, while
/// Aggregation's read models (<c>usage_requests</c>, budgets) are still found in <c>public</c>. Aggregation's daemons
/// read every event of types they do not know, so recommendation events must not share their log.
/// </summary>
public sealed class RecommendationsSchema(NpgsqlDataSource dataSource) : IHostedService
{
    public const string Name = RecommendationListTable.Schema;

    public const string SearchPath = Name + ", public";

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await using (var command = dataSource.CreateCommand($"CREATE SCHEMA IF NOT EXISTS {Name}"))
        {
            await command.ExecuteNonQueryAsync(cancellationToken);
        }

        await EventLog.EnsureSchemaAsync(dataSource, cancellationToken);
        await using var ddl = dataSource.CreateCommand(RecommendationListTable.Ddl);
        await ddl.ExecuteNonQueryAsync(cancellationToken);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
