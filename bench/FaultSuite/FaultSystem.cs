using System.Net.Http.Headers;
using MassTransit;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using TokenOptimizer.Access;
using TokenOptimizer.Contracts;
using TokenOptimizer.Provisioning;
using TokenOptimizer.Testing;

namespace TokenOptimizer.Bench.FaultSuite;

/// <summary>
/// One case's system: a fresh database and virtual host on the suite's servers, the four services as processes on
/// them, an admin and an ingest key, and a producer's bus. The servers themselves can be stopped and started again.
/// </summary>
internal sealed class FaultSystem : IAsyncDisposable
{
    private ServiceProvider? _producer;

    private FaultSystem(LocalInfrastructure servers, ServiceProcesses services, string adminKey, string database)
    {
        Servers = servers;
        Services = services;
        AdminKey = adminKey;
        DataSource = NpgsqlDataSource.Create(database);
        Ingestion = Client(services.UrlOf("ingestion"), adminKey);
        Query = Client(services.UrlOf("query"), adminKey);
    }

    public LocalInfrastructure Servers { get; }

    public ServiceProcesses Services { get; }

    public string AdminKey { get; }

    public NpgsqlDataSource DataSource { get; }

    /// <summary>Ingestion's API with the admin key.</summary>
    public HttpClient Ingestion { get; }

    /// <summary>Query's API with the admin key.</summary>
    public HttpClient Query { get; }

    public IBus Bus => _producer!.GetRequiredService<IBus>();

    public static async Task<FaultSystem> StartAsync(LocalInfrastructure servers, string caseName, string logFolder)
    {
        var name = caseName.Replace('_', '-') + "-" + Guid.NewGuid().ToString("N")[..6];
        var database = await servers.CreateDatabaseAsync(name);
        var rabbitMq = await servers.CreateVirtualHostAsync(name);
        var adminKey = ApiKeys.Generate();
        var services = await ServiceProcesses.StartAsync(new Dictionary<string, string>
        {
            ["ConnectionStrings__postgres"] = database,
            ["ConnectionStrings__rabbitmq"] = rabbitMq,
            ["Access__BootstrapAdminKey"] = adminKey,
            ["Logging__LogLevel__Default"] = "Warning",
        }, Path.Combine(logFolder, caseName));
        var system = new FaultSystem(servers, services, adminKey, database);
        system.Producer = new UsageOverHttp(system.Ingestion, await system.Ingestion.CreateApiKeyAsync(adminKey, Role.Ingest));
        var producer = new ServiceCollection().AddLogging();
        producer.AddMassTransit(bus =>
        {
            bus.DisableUsageTelemetry();
            bus.UsingRabbitMq((_, rabbit) => rabbit.Host(new Uri(rabbitMq)));
        });
        system._producer = producer.BuildServiceProvider();
        await system._producer.GetRequiredService<IBusControl>().StartAsync();
        return system;
    }

    /// <summary>Ingestion's <c>/v1/usage</c> with the ingest key: posts (<c>PostAsync</c>) and a producer's sends (<c>SendAsync</c>).</summary>
    public UsageOverHttp Producer { get; private set; } = null!;

    /// <summary>A producer on the bus: one message per record, or one batch message per send.</summary>
    public Task SendOnTheBusAsync(IReadOnlyList<UsageRecorded> records, CancellationToken cancellationToken) =>
        records.Count == 1 ? Bus.Publish(records[0], cancellationToken) : Bus.Publish(new UsageBatchRecorded { Records = [.. records] }, cancellationToken);

    public async ValueTask DisposeAsync()
    {
        if (_producer is not null)
        {
            await _producer.GetRequiredService<IBusControl>().StopAsync();
            await _producer.DisposeAsync();
        }

        await Services.DisposeAsync();
        await DataSource.DisposeAsync();
        Ingestion.Dispose();
        Query.Dispose();
    }

    private static HttpClient Client(Uri url, string key)
    {
        var client = new HttpClient { BaseAddress = url, Timeout = TimeSpan.FromSeconds(30) };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", key);
        return client;
    }
}
