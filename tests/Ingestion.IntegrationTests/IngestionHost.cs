using System.Net;
using MassTransit;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using TokenOptimizer.Access;
using TokenOptimizer.Contracts;
using TokenOptimizer.EventStore;
using TokenOptimizer.Testing;
using TokenOptimizer.UsageLog;
using Xunit;

namespace TokenOptimizer.Ingestion.IntegrationTests;

/// <summary>
/// The real Ingestion service, in process, on its own database and RabbitMQ virtual host of the shared
/// test servers: one per test class. It listens on a loopback port (<see cref="Url"/>), so clients outside the test
/// server, such as OpenTelemetry's exporter, reach it too. It runs with a bootstrap admin key (<see cref="AdminKey"/>), and
/// <see cref="Http"/> sends keys by itself: <see cref="IngestKey"/> with <c>POST /v1/usage</c> and <c>/v1/traces</c>, the
/// admin key with anything else, unless the request carries its own. <see cref="Client"/> sends one key, or none.
/// A subclass may add configuration with <see cref="Settings"/>.
/// </summary>
public class IngestionHost : IAsyncLifetime
{
    private readonly PostgresDatabaseFixture _database = new();
    private readonly RabbitMqVhostFixture _broker = new();
    private WebApplicationFactory<Program>? _factory;

    public string AdminKey { get; } = ApiKeys.Generate();

    /// <summary>An unscoped ingest key, as a producer sending every team's usage holds.</summary>
    public string IngestKey { get; private set; } = null!;

    public HttpClient Http { get; private set; } = null!;

    /// <summary>Where the service listens: a real socket on the loopback interface.</summary>
    public Uri Url { get; private set; } = null!;

    public IBus Bus => Services.GetRequiredService<IBus>();

    public IServiceProvider Services => _factory!.Services;

    public NpgsqlDataSource DataSource => Services.GetRequiredService<NpgsqlDataSource>();

    public EventLog Log => Services.GetRequiredService<EventLog>();

    /// <summary>The class's database, for another service to share.</summary>
    public string PostgresConnectionString => _database.ConnectionString;

    /// <summary>The class's virtual host, for another service to share.</summary>
    public string RabbitMqConnectionString => _broker.ConnectionString;

    public virtual async Task InitializeAsync()
    {
        await _database.InitializeAsync();
        await _broker.InitializeAsync();
        await BeforeStartAsync(_database.ConnectionString);
        _factory = new WebApplicationFactory<Program>().WithWebHostBuilder(web => web
            .UseSetting("ConnectionStrings:postgres", _database.ConnectionString)
            .UseSetting("ConnectionStrings:rabbitmq", _broker.ConnectionString)
            .UseSetting("ModelPricing:RefreshInterval", "00:00:00.2")
            .UseSetting("ModelPricing:SettleTime", "00:00:00.5")
            .UseSetting("Access:BootstrapAdminKey", AdminKey)
            .ConfigureAppConfiguration((_, configuration) => configuration.AddInMemoryCollection(Settings))
            .ConfigureTestServices(ConfigureServices));
        _factory.UseKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0));
        _factory.StartServer();
        Url = new Uri(Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single());
        IngestKey = (await Services.GetRequiredService<ApiKeyStore>().CreateAsync("tests: producer", Role.Ingest, team: null)).Plaintext;
        Http = _factory.CreateDefaultClient(Url, new DefaultKeys(IngestKey, AdminKey));
        await Services.GetRequiredService<IBusControl>().WaitForHealthStatus(BusHealthStatus.Healthy, TimeSpan.FromSeconds(30));
    }

    /// <summary>What a subclass puts in the class's database before the service first starts on it, e.g. data an older version wrote.</summary>
    protected virtual Task BeforeStartAsync(string connectionString) => Task.CompletedTask;

    /// <summary>Services on top of the host's own, e.g. an exporter that keeps what the service exports.</summary>
    protected virtual void ConfigureServices(IServiceCollection services)
    {
    }

    /// <summary>Configuration on top of the host's own, e.g. <c>Otlp:Attributes:Feature</c>.</summary>
    protected virtual IReadOnlyDictionary<string, string?> Settings { get; } = new Dictionary<string, string?>();

    public virtual async Task DisposeAsync()
    {
        if (_factory is not null)
        {
            await _factory.DisposeAsync();
        }

        await _broker.DisposeAsync();
        await _database.DisposeAsync();
    }

    /// <summary>A client that sends <paramref name="key"/> with every request, or no key when it is null.</summary>
    public HttpClient Client(string? key) => _factory!.CreateClient(new WebApplicationFactoryClientOptions { BaseAddress = Url }).WithApiKey(key);

    /// <summary>A new key, created as an operator would: <c>POST /v1/admin/api-keys</c> with the admin key.</summary>
    public Task<string> CreateKeyAsync(Role role, string? team = null) => Client(null).CreateApiKeyAsync(AdminKey, role, team);

    public Task<UsageIngested?> FindIngestedAsync(UsageRecorded record) => Log.FindIngestedAsync(record.Team, record.RequestId);

    public Task<UsageIngested?> FindIngestedAsync(string? team, string requestId) => Log.FindIngestedAsync(team, requestId);

    public Task<long> CountStreamEventsAsync(UsageRecorded record) => CountStreamEventsAsync(record.Team, record.RequestId);

    public async Task<long> CountStreamEventsAsync(string? team, string requestId) => (await Log.FetchStreamAsync(UsageStreams.For(team, requestId))).Count;

    public Task<long> CountQuarantinedAsync(string requestId) => DataSource.CountQuarantinedAsync(requestId);

    public async Task<T> ScalarAsync<T>(string sql)
    {
        await using var command = DataSource.CreateCommand(sql);
        return (T)(await command.ExecuteScalarAsync())!;
    }

    public Task WaitUntilAsync(Func<Task<bool>> condition, string because) =>
        Eventually.UntilAsync(condition, TimeSpan.FromSeconds(30), because);
}
