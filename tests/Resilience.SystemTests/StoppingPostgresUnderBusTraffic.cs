using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using MassTransit;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using TokenOptimizer.Access;
using TokenOptimizer.Contracts;
using TokenOptimizer.Provisioning.Services;
using TokenOptimizer.Testing;
using Xunit;
using Xunit.Abstractions;

namespace TokenOptimizer.Resilience.SystemTests;

/// <summary>
/// PostgreSQL stopped for two minutes while producers publish on the bus. It used to cost 1,660 of 24,000 records,
/// parked in the _error queues after 6 s of retries while every /health said Healthy.
/// </summary>
public sealed class StoppingPostgresUnderBusTraffic(ITestOutputHelper output)
{
    private static readonly TimeSpan Outage = TimeSpan.FromMinutes(2);

    [Fact]
    public async Task PostgresDownForTwoMinutes_LosesNothingAndParksNothing()
    {
        // Given Ingestion and Aggregation running, and producers publishing single records and batch messages
        await using var servers = await OutageInfrastructure.StartAsync();
        var adminKey = ApiKeys.Generate();
        var settings = new Dictionary<string, string>
        {
            ["ConnectionStrings__postgres"] = servers.PostgresConnectionString,
            ["ConnectionStrings__rabbitmq"] = servers.RabbitMqConnectionString,
            ["Access__BootstrapAdminKey"] = adminKey,
            ["Projections__PollInterval"] = "00:00:00.200",
            ["Logging__LogLevel__Default"] = "Warning",
        };
        var logs = Path.Combine(Path.GetTempPath(), "tokenoptimizer-resilience", Guid.NewGuid().ToString("N")[..8]);
        await using var ingestion = await StartAsync("ingestion", "services/Ingestion", "TokenOptimizer.Ingestion", settings, logs);
        await using var aggregation = await StartAsync("aggregation", "services/Aggregation", "TokenOptimizer.Aggregation", settings, logs);
        await using var producer = await ProducerAsync(servers.RabbitMqConnectionString);
        var bus = producer.GetRequiredService<IBus>();
        var singles = UsageTraffic.Start((records, ct) => bus.Publish(records[0], ct), recordsPerSecond: 40, seed: 1);
        var batches = UsageTraffic.Start((records, ct) => bus.Publish(new UsageBatchRecorded { Records = [.. records] }, ct), recordsPerSecond: 20, recordsPerSend: 20, seed: 2);
        await Task.Delay(TimeSpan.FromSeconds(15));

        // When PostgreSQL is stopped for two minutes under that traffic, then started again, and the traffic goes on a while
        await servers.StopPostgresAsync();
        output.WriteLine($"PostgreSQL stopped at {DateTimeOffset.UtcNow:HH:mm:ss}");
        await Task.Delay(Outage);
        await servers.StartPostgresAsync();
        output.WriteLine($"PostgreSQL started at {DateTimeOffset.UtcNow:HH:mm:ss}");
        await Task.Delay(TimeSpan.FromSeconds(15));
        var sent = (await singles.StopAsync()).Concat(await batches.StopAsync()).ToList();

        // Then every record sent before, during and after the outage is stored exactly once
        await using var dataSource = NpgsqlDataSource.Create(servers.PostgresConnectionString);
        await Eventually.UntilAsync(async () => await SentAndStored.CountStoredAsync(dataSource, sent) == sent.Count, TimeSpan.FromMinutes(3), "every sent record stored");
        await ProjectionsCaughtUp.WaitAsync(dataSource, ["usage_rollups"], TimeSpan.FromMinutes(2));
        var outcome = await SentAndStored.CompareAsync(dataSource, sent);
        output.WriteLine($"{outcome}; {singles.FailedSends + batches.FailedSends} sends retried");
        Assert.Equal(new SentAndStored(sent.Count, sent.Count, 0, 0, null), outcome);

        // And nothing was parked in an _error queue, and both services say Healthy
        using var http = new HttpClient { BaseAddress = ingestion.Url };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", adminKey);
        var faulted = await http.GetFromJsonAsync<JsonElement>("/v1/admin/faulted-messages");
        Assert.Equal(0, faulted.GetProperty("total").GetInt64());
        Assert.Equal("Healthy", await http.GetStringAsync("/health"));
        using var aggregationHttp = new HttpClient { BaseAddress = aggregation.Url };
        Assert.Equal("Healthy", await aggregationHttp.GetStringAsync("/health"));
    }

    private static async Task<DotnetService> StartAsync(string name, string project, string assembly, Dictionary<string, string> settings, string logs)
    {
        var service = DotnetService.Start(name, DotnetService.LocateAssembly(project, assembly), settings, Path.Combine(logs, name + ".log"));
        await service.WaitHealthyAsync(TimeSpan.FromSeconds(90), CancellationToken.None);
        return service;
    }

    private static async Task<ServiceProvider> ProducerAsync(string rabbitMq)
    {
        var services = new ServiceCollection().AddLogging();
        services.AddMassTransit(bus =>
        {
            bus.DisableUsageTelemetry();
            bus.UsingRabbitMq((_, rabbit) => rabbit.Host(new Uri(rabbitMq)));
        });
        var provider = services.BuildServiceProvider();
        await provider.GetRequiredService<IBusControl>().StartAsync();
        return provider;
    }
}
