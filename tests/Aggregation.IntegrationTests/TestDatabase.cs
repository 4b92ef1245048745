using Marten;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Npgsql;
using TokenOptimizer.Aggregation.DetectingAnomalies;
using TokenOptimizer.Aggregation.LoggingRequests;
using TokenOptimizer.Aggregation.RollingUpUsage;
using TokenOptimizer.Aggregation.RunningProjections;
using TokenOptimizer.Aggregation.TrackingBudgetSpend;
using TokenOptimizer.Aggregation.TrackingProviderHealth;
using TokenOptimizer.Testing;

namespace TokenOptimizer.Aggregation.IntegrationTests;

/// <summary>
/// A fresh database with Marten's event store and Aggregation's read models, for daemon-level tests: the store
/// (<see cref="Store"/>) is configured as the service configures it, and <see cref="Daemon"/> runs chosen read models as
/// the composite projection under Marten's daemon, without the service around it.
/// </summary>
internal sealed class TestDatabase : IAsyncDisposable
{
    private readonly PostgresDatabaseFixture _fixture = new();
    private readonly List<IDocumentStore> _stores = [];

    public NpgsqlDataSource DataSource { get; private set; } = null!;

    /// <summary>The event store, with every read model registered (appends and reads go through it).</summary>
    public IDocumentStore Store { get; private set; } = null!;

    public static async Task<TestDatabase> CreateAsync()
    {
        var database = new TestDatabase();
        await database._fixture.InitializeAsync();
        database.DataSource = NpgsqlDataSource.Create(database._fixture.ConnectionString);
        var all = AllReadModels();
        database.Store = database.StoreOf(all, new ProjectionOptions());
        await new AggregationSchema(database.Store, database.DataSource, new ProjectionCatalog(all)).StartAsync(CancellationToken.None);
        return database;
    }

    /// <summary>Every read model the service keeps, as it registers them.</summary>
    public static ReadModelProjection[] AllReadModels() =>
    [
        new UsageRollupProjection(new UsageIngestedLookup()), new ProviderHealthProjection(Options.Create(new ProviderHealthOptions())),
        new BudgetSpendProjection(new UsageIngestedLookup()), new AnomalyProjection(new UsageIngestedLookup()), new UsageLogProjection(),
        new UserRollupProjection(new UsageIngestedLookup()),
    ];

    public UsageRollupProjection Rollups() => new(new UsageIngestedLookup());

    /// <summary>Marten's daemon over <paramref name="readModels"/> as the composite projection, <paramref name="batchSize"/> events a page.</summary>
    public TestDaemon Daemon(ReadModelProjection readModel, int batchSize = 500) => Daemon([readModel], batchSize);

    /// <inheritdoc cref="Daemon(ReadModelProjection, int)"/>
    public TestDaemon Daemon(IReadOnlyList<ReadModelProjection> readModels, int batchSize = 500) =>
        new(StoreOf(readModels, new ProjectionOptions { BatchSize = batchSize }), DataSource, new ProjectionCatalog(readModels));

    public async Task<T> ScalarAsync<T>(string sql)
    {
        await using var command = DataSource.CreateCommand(sql);
        return (T)(await command.ExecuteScalarAsync())!;
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var store in _stores)
        {
            store.Dispose();
        }

        await DataSource.DisposeAsync();
        await _fixture.DisposeAsync();
    }

    private DocumentStore StoreOf(IReadOnlyList<ReadModelProjection> readModels, ProjectionOptions options)
    {
        var store = DocumentStore.For(o =>
        {
            o.Connection(DataSource);
            AggregationEvents.Configure(o);
            ReadModelComposite.Register(o, readModels, options);
        });
        _stores.Add(store);
        return store;
    }
}

/// <summary>Marten's daemon over some read models, driven by a test: catch up, rebuild, read the dead letters.</summary>
internal sealed class TestDaemon(IDocumentStore store, NpgsqlDataSource dataSource, ProjectionCatalog catalog)
{
    public IDocumentStore Store => store;

    /// <summary>Applies every event stored so far (Marten's catch-up for tests).</summary>
    public async Task CatchUpAsync()
    {
        using var daemon = await store.BuildProjectionDaemonAsync();
        await daemon.CatchUpAsync(TimeSpan.FromMinutes(2), CancellationToken.None);
    }

    /// <summary>Resets the read models and replays every stored event into them, as the rebuild endpoint does.</summary>
    public Task<long> RebuildAsync() =>
        new ReadModelRebuild(new ServiceCollection().BuildServiceProvider(), store, dataSource, catalog).RunAsync(CancellationToken.None);

    /// <summary>The dead letters, oldest event first.</summary>
    public Task<List<DeadLetter>> ReadErrorsAsync() =>
        new DaemonProjectionHealth(catalog, dataSource, new DeadLetterReplayer(store, dataSource, catalog)).AllLettersAsync(CancellationToken.None);
}
