using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
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

    public string IngestKey { get; private set; } = "";

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
            ["Projections__PollInterval"] = "00:00:00.200",
            ["Logging__LogLevel__Default"] = "Warning",
        }, Path.Combine(logFolder, caseName));
        var system = new FaultSystem(servers, services, adminKey, database);
        system.IngestKey = await system.Ingestion.CreateApiKeyAsync(adminKey, Role.Ingest);
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

    /// <summary>Posts records to <c>/v1/usage</c> with the ingest key (or <paramref name="key"/>).</summary>
    public async Task<(HttpStatusCode Status, JsonElement Body)> PostUsageAsync(object records, string? key = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/v1/usage") { Content = JsonContent.Create(records) };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", key ?? IngestKey);
        using var response = await Ingestion.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        return (response.StatusCode, text.StartsWith('{') ? JsonDocument.Parse(text).RootElement.Clone() : default);
    }

    /// <summary>A producer over HTTP: fails (to be retried) unless every record was accepted or known.</summary>
    public async Task SendOverHttpAsync(IReadOnlyList<UsageRecorded> records, CancellationToken cancellationToken)
    {
        var (status, body) = await PostUsageAsync(records);
        if (status != HttpStatusCode.Accepted || body.GetProperty("accepted").GetInt32() + body.GetProperty("duplicates").GetInt32() != records.Count)
        {
            throw new HttpRequestException($"Ingestion answered {(int)status}");
        }
    }

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
