using JasperFx.Events.Daemon;
using Marten;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Npgsql;
using TokenOptimizer.Aggregation.DetectingAnomalies;
using TokenOptimizer.Aggregation.LoggingRequests;
using TokenOptimizer.Aggregation.RollingUpUsage;
using TokenOptimizer.Aggregation.RunningProjections;
using TokenOptimizer.Aggregation.TrackingBudgetSpend;
using TokenOptimizer.Aggregation.TrackingProviderHealth;
using TokenOptimizer.ReadModels;
using TokenOptimizer.Testing;
using TokenOptimizer.UsageLog;

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
        new UsageRollupProjection(new UsageIngestedLookup()), new ProviderHealthProjection(new NoSilo()),
        new BudgetSpendProjection(new UsageIngestedLookup(), new NoSilo()), new AnomalyProjection(new UsageIngestedLookup()), new UsageLogProjection(),
        new UserRollupProjection(new UsageIngestedLookup()),
    ];

    public UsageRollupProjection Rollups() => new(new UsageIngestedLookup());

    /// <summary>Marten's daemon over <paramref name="readModels"/> as the composite projection, <paramref name="batchSize"/> events a page.</summary>
    public TestDaemon Daemon(ReadModelProjection readModel, int batchSize = 500) => Daemon([readModel], batchSize);

    /// <inheritdoc cref="Daemon(ReadModelProjection, int)"/>
    public TestDaemon Daemon(IReadOnlyList<ReadModelProjection> readModels, int batchSize = 500) =>
        new(Configure(readModels, new ProjectionOptions { BatchSize = batchSize }), DataSource, new ProjectionCatalog(readModels), _stores);

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
        var store = DocumentStore.For(Configure(readModels, options));
        _stores.Add(store);
        return store;
    }

    private Action<StoreOptions> Configure(IReadOnlyList<ReadModelProjection> readModels, ProjectionOptions options) => o =>
    {
        o.Connection(DataSource);
        AggregationEvents.Configure(o);
        ReadModelComposite.Register(o, readModels, options);
    };
}

/// <summary>Marten's daemon over some read models, driven by a test: catch up, rebuild, read the dead letters.</summary>
internal sealed class TestDaemon
{
    private readonly Action<StoreOptions> _configure;
    private readonly NpgsqlDataSource _dataSource;
    private readonly ProjectionCatalog _catalog;
    private readonly DocumentStore _store;

    public TestDaemon(Action<StoreOptions> configure, NpgsqlDataSource dataSource, ProjectionCatalog catalog, List<IDocumentStore> stores)
    {
        (_configure, _dataSource, _catalog) = (configure, dataSource, catalog);
        _store = DocumentStore.For(configure);
        stores.Add(_store);
    }

    /// <summary>
    /// Runs the daemon as a service instance does (Marten's hosted daemon, hot/cold: one instance at a time holds the
    /// projection) until <paramref name="cancellationToken"/> stops it.
    /// </summary>
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Services.AddMarten(_configure).AddAsyncDaemon(DaemonMode.HotCold);
        using var host = builder.Build();
        await host.RunAsync(cancellationToken);
    }

    /// <summary>The composite's position.</summary>
    public async Task<long> ReadCheckpointAsync()
    {
        await using var command = _dataSource.CreateCommand($"SELECT coalesce(max(last_seq_id), 0) FROM {EventStoreTables.Progression} WHERE name = $1");
        command.Parameters.Add(new NpgsqlParameter { Value = ReadModelComposite.Shard });
        return (long)(await command.ExecuteScalarAsync())!;
    }

    /// <summary>
    /// Runs Marten's daemon as the service does (dead-lettering what it cannot apply) until it has passed every event
    /// stored so far. A daemon that stops moving for a few seconds (its page died) is replaced by a new one, as a
    /// restarted service instance would.
    /// </summary>
    public async Task CatchUpAsync()
    {
        await using var head = _dataSource.CreateCommand($"SELECT coalesce(max(seq_id), 0) FROM {EventStoreTables.Events}");
        var through = (long)(await head.ExecuteScalarAsync())!;
        for (var start = 0; start < 30; start++)
        {
            using var daemon = await _store.BuildProjectionDaemonAsync();
            await daemon.StartAllAsync();
            try
            {
                var reached = await ReadCheckpointAsync();
                var moved = System.Diagnostics.Stopwatch.StartNew();
                while (reached < through && moved.Elapsed < TimeSpan.FromSeconds(4))
                {
                    await Task.Delay(50);
                    if (await ReadCheckpointAsync() is var now && now > reached)
                    {
                        (reached, moved) = (now, System.Diagnostics.Stopwatch.StartNew());
                    }
                }

                if (reached >= through)
                {
                    return;
                }
            }
            finally
            {
                await daemon.StopAllAsync();
            }
        }

        throw new TimeoutException($"The daemon did not pass event {through}.");
    }

    /// <summary>Resets the read models and replays every stored event into them, as the rebuild endpoint does.</summary>
    public Task<long> RebuildAsync() =>
        new ReadModelRebuild(new ServiceCollection().BuildServiceProvider(), _store, _dataSource, _catalog, new ReadModelProgress(_dataSource)).RunAsync(CancellationToken.None);

    /// <summary>The dead letters, oldest event first.</summary>
    public Task<List<DeadLetter>> ReadErrorsAsync() =>
        new DaemonProjectionHealth(_catalog, _dataSource, new DeadLetterReplayer(_store, _dataSource, _catalog), new ProjectionsRunningHere(new ServiceCollection().BuildServiceProvider())).AllLettersAsync(CancellationToken.None);
}
