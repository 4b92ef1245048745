using MassTransit;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using TokenOptimizer.EventStore;
using TokenOptimizer.Testing;
using TokenOptimizer.UsageLog;
using Xunit;

namespace TokenOptimizer.Ingestion.IntegrationTests;

/// <summary>
/// The real Ingestion service, in process, on its own database and RabbitMQ virtual host of the shared
/// test servers: one per test class.
/// </summary>
public sealed class IngestionHost : IAsyncLifetime
{
    private readonly PostgresDatabaseFixture _database = new();
    private readonly RabbitMqVhostFixture _broker = new();
    private WebApplicationFactory<Program>? _factory;

    public HttpClient Http { get; private set; } = null!;

    public IBus Bus => Services.GetRequiredService<IBus>();

    public IServiceProvider Services => _factory!.Services;

    public NpgsqlDataSource DataSource => Services.GetRequiredService<NpgsqlDataSource>();

    public EventLog Log => Services.GetRequiredService<EventLog>();

    public async Task InitializeAsync()
    {
        await _database.InitializeAsync();
        await _broker.InitializeAsync();
        _factory = new WebApplicationFactory<Program>().WithWebHostBuilder(web => web
            .UseSetting("ConnectionStrings:postgres", _database.ConnectionString)
            .UseSetting("ConnectionStrings:rabbitmq", _broker.ConnectionString)
            .UseSetting("ModelPricing:RefreshInterval", "00:00:00.2")
            .UseSetting("ModelPricing:SettleTime", "00:00:00.5"));
        Http = _factory.CreateClient();
        await Services.GetRequiredService<IBusControl>().WaitForHealthStatus(BusHealthStatus.Healthy, TimeSpan.FromSeconds(30));
    }

    public async Task DisposeAsync()
    {
        if (_factory is not null)
        {
            await _factory.DisposeAsync();
        }

        await _broker.DisposeAsync();
        await _database.DisposeAsync();
    }

    public async Task<UsageIngested?> FindIngestedAsync(string requestId)
    {
        var events = await Log.FetchStreamAsync(UsageStreams.For(requestId));
        return events.Select(e => e.Data).OfType<UsageIngested>().SingleOrDefault();
    }

    public async Task<long> CountStreamEventsAsync(string requestId) => (await Log.FetchStreamAsync(UsageStreams.For(requestId))).Count;

    public async Task<long> CountQuarantinedAsync(string requestId)
    {
        await using var command = DataSource.CreateCommand("SELECT count(*) FROM ingestion_quarantine WHERE request_id = $1");
        command.Parameters.Add(new NpgsqlParameter { Value = requestId });
        return (long)(await command.ExecuteScalarAsync())!;
    }

    public Task WaitUntilAsync(Func<Task<bool>> condition, string because) =>
        Eventually.UntilAsync(condition, TimeSpan.FromSeconds(30), because);
}
