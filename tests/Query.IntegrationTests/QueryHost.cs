using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Mvc.Testing;
using Npgsql;
using TokenOptimizer.Access;
using TokenOptimizer.Contracts;
using TokenOptimizer.Aggregation;
using TokenOptimizer.Aggregation.LoggingRequests;
using TokenOptimizer.Aggregation.RollingUpUsage;
using Marten;
using TokenOptimizer.Ingestion;
using TokenOptimizer.Query.Serving;
using TokenOptimizer.Query.Upstreams;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using TokenOptimizer.Testing;
using TokenOptimizer.UsageLog;
using Xunit;

namespace TokenOptimizer.Query.IntegrationTests;

/// <summary>
/// The Query service in process, with the services it reads and writes through also in process on the class's own
/// database and virtual host: Aggregation (its real projection daemons fill the read models) and Ingestion (the
/// owner of model prices). Tests store usage with <see cref="FeedAsync"/>, which returns once the read models the
/// Query service reads have applied it.
/// </summary>
public sealed class QueryHost : IAsyncLifetime
{
    private static readonly string[] ReadProjections = [UsageRollupProjection.ProjectionName, UserRollupProjection.ProjectionName, UsageLogProjection.ProjectionName];

    private readonly IntegrationInfrastructureFixture _infrastructure = new();
    private WebApplicationFactory<AggregationSchema>? _aggregation;
    private WebApplicationFactory<IngestionMetrics>? _ingestion;
    private WebApplicationFactory<QueryOptions>? _query;
    private NpgsqlDataSource? _dataSource;
    private readonly Lock _feedLock = new();
    private Task? _sharedFeed;

    public string AdminKey { get; } = ApiKeys.Generate();

    public HttpClient Http { get; private set; } = null!;

    public WebApplicationFactory<QueryOptions> Factory => _query!;

    public NpgsqlDataSource DataSource => _dataSource!;

    public async Task InitializeAsync()
    {
        await _infrastructure.InitializeAsync();
        var postgres = _infrastructure.Postgres.ConnectionString;
        var rabbitmq = _infrastructure.RabbitMq.ConnectionString;
        _ingestion = new WebApplicationFactory<IngestionMetrics>().WithWebHostBuilder(web => web
            .UseSetting("ConnectionStrings:postgres", postgres).UseSetting("ConnectionStrings:rabbitmq", rabbitmq)
            .UseSetting("Access:BootstrapAdminKey", AdminKey));
        _ingestion.CreateClient().Dispose(); // Starts it: Ingestion creates the event log.
        _aggregation = new WebApplicationFactory<AggregationSchema>().WithWebHostBuilder(web => web
            .UseSetting("ConnectionStrings:postgres", postgres).UseSetting("ConnectionStrings:rabbitmq", rabbitmq)
            .UseSetting("Access:BootstrapAdminKey", AdminKey));
        _aggregation.CreateClient().Dispose();
        _query = new WebApplicationFactory<QueryOptions>().WithWebHostBuilder(web => web
            .UseSetting("ConnectionStrings:postgres", postgres)
            .UseSetting("Access:BootstrapAdminKey", AdminKey)
            .UseSetting("Query:UpdatePollInterval", "00:00:00.100")
            .ConfigureTestServices(services =>
            {
                services.AddHttpClient(UpstreamClient.Aggregation).ConfigurePrimaryHttpMessageHandler(() => _aggregation.Server.CreateHandler());
                services.AddHttpClient(UpstreamClient.Ingestion).ConfigurePrimaryHttpMessageHandler(() => _ingestion.Server.CreateHandler());
            }));
        Http = _query.CreateClient();
        _dataSource = NpgsqlDataSource.Create(postgres);
    }

    /// <summary>
    /// Feeds the class's shared records the first time any of its tests asks (xunit makes a class instance per test,
    /// the host is one per class); later calls wait for that first feed.
    /// </summary>
    public Task FeedOnceAsync(Func<IEnumerable<UsageIngested>> records)
    {
        lock (_feedLock)
        {
            return _sharedFeed ??= FeedAsync(records());
        }
    }

    /// <summary>Stores the events, then waits until the read models the Query service reads have applied them.</summary>
    public async Task FeedAsync(IEnumerable<UsageIngested> events)
    {
        await TestUsage.AppendAsync(_aggregation!.Services.GetRequiredService<IDocumentStore>(), events);
        await ProjectionsCaughtUp.WaitAsync(_dataSource!, ReadProjections, TimeSpan.FromSeconds(120));
    }

    /// <summary>
    /// Sends the records to Ingestion's <c>POST /v1/usage</c> with a new ingest key, as a producer does (validated and
    /// priced there), then waits until the read models the Query service reads have applied them.
    /// </summary>
    public async Task SendAsync(IReadOnlyList<UsageRecorded> records)
    {
        using var ingestion = _ingestion!.CreateClient();
        await new UsageOverHttp(ingestion, await CreateKeyAsync(Role.Ingest)).SendAsync(records, CancellationToken.None);
        await ProjectionsCaughtUp.WaitAsync(_dataSource!, ReadProjections, TimeSpan.FromSeconds(120));
    }

    public Task<string> CreateKeyAsync(Role role, string? team = null) => Http.CreateApiKeyAsync(AdminKey, role, team);

    /// <summary>Posts a GraphQL operation with the key; returns the status code and the parsed response.</summary>
    public Task<(int Status, JsonElement Body)> GraphQLAsync(string? key, string query, object? variables = null) => Http.GraphQLAsync(key, query, variables);

    /// <summary>The operation's data, failing the test with the errors if there are any.</summary>
    public async Task<JsonElement> DataAsync(string key, string query, object? variables = null)
    {
        var (status, body) = await GraphQLAsync(key, query, variables);
        Assert.True(status == 200 && !body.TryGetProperty("errors", out _), $"HTTP {status}: {body}");
        return body.GetProperty("data");
    }

    public async Task DisposeAsync()
    {
        foreach (var factory in new IAsyncDisposable?[] { _query, _aggregation, _ingestion })
        {
            if (factory is not null)
            {
                await factory.DisposeAsync();
            }
        }

        if (_dataSource is not null)
        {
            await _dataSource.DisposeAsync();
        }

        await _infrastructure.DisposeAsync();
    }
}
