using Microsoft.Extensions.Options;
using Npgsql;
using TokenOptimizer.Aggregation.RollingUpUsage;
using TokenOptimizer.Aggregation.RunningProjections;
using TokenOptimizer.EventStore;
using TokenOptimizer.Testing;

namespace TokenOptimizer.Aggregation.IntegrationTests;

/// <summary>A fresh database with the event store and Aggregation's read models, for daemon-level tests.</summary>
internal sealed class TestDatabase : IAsyncDisposable
{
    private readonly PostgresDatabaseFixture _fixture = new();

    public NpgsqlDataSource DataSource { get; private set; } = null!;

    public EventLog Log { get; private set; } = null!;

    public static async Task<TestDatabase> CreateAsync()
    {
        var database = new TestDatabase();
        await database._fixture.InitializeAsync();
        database.DataSource = NpgsqlDataSource.Create(database._fixture.ConnectionString);
        await new AggregationSchema(database.DataSource).StartAsync(CancellationToken.None);
        database.Log = new EventLog(database.DataSource, AggregationEvents.Registry());
        return database;
    }

    public UsageRollupProjection Rollups() => new(new UsageIngestedLookup(Log));

    public ProjectionDaemon Daemon(IProjection projection, int batchSize = 500) =>
        new ProjectionCatalog(Log, [projection], Options.Create(new ProjectionOptions { BatchSize = batchSize, PollInterval = TimeSpan.FromMilliseconds(50) }))
            .DaemonFor(projection);

    public async Task<T> ScalarAsync<T>(string sql)
    {
        await using var command = DataSource.CreateCommand(sql);
        return (T)(await command.ExecuteScalarAsync())!;
    }

    public async ValueTask DisposeAsync()
    {
        await DataSource.DisposeAsync();
        await _fixture.DisposeAsync();
    }
}
