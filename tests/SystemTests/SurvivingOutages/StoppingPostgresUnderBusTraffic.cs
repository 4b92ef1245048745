using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Aspire.Hosting.ApplicationModel;
using MassTransit;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using TokenOptimizer.Contracts;
using TokenOptimizer.SystemTests.Running;
using TokenOptimizer.Testing;
using Xunit;
using Xunit.Abstractions;

namespace TokenOptimizer.SystemTests.SurvivingOutages;

/// <summary>
/// PostgreSQL stopped for two minutes while producers publish on the bus, in a system of the test's own (the app host with
/// local processes; PostgreSQL stopped and started again by the orchestrator, on the same port and data). It used to cost
/// 1,660 of 24,000 records, parked in the _error queues after 6 s of retries while every /health said Healthy.
/// </summary>
[Collection(PostgresOutageCollection.Name)]
public sealed class StoppingPostgresUnderBusTraffic(ITestOutputHelper output)
{
    private static readonly TimeSpan Outage = TimeSpan.FromMinutes(2);

    [Fact]
    public async Task PostgresDownForTwoMinutes_LosesNothingAndParksNothing()
    {
        // Given the system running, and producers publishing single records and batch messages
        await using var system = await AppHostRun.StartAsync(AppHostRun.LocalProcesses, new Dictionary<string, string>
        {
            ["Logging__LogLevel__Default"] = "Warning",
        });
        var postgres = await system.ConnectionStringAsync("postgres");
        await using var producer = await ProducerAsync(await system.ConnectionStringAsync("rabbitmq"));
        var bus = producer.GetRequiredService<IBus>();
        var singles = UsageTraffic.Start((records, ct) => bus.Publish(records[0], ct), recordsPerSecond: 40, seed: 1);
        var batches = UsageTraffic.Start((records, ct) => bus.Publish(new UsageBatchRecorded { Records = [.. records] }, ct), recordsPerSecond: 20, recordsPerSend: 20, seed: 2);
        await Task.Delay(TimeSpan.FromSeconds(15));

        // When PostgreSQL is stopped for two minutes under that traffic, then started again, and the traffic goes on a while
        await ExecuteAsync(system, "postgres-server", KnownResourceCommands.StopCommand);
        output.WriteLine($"PostgreSQL stopped at {DateTimeOffset.UtcNow:HH:mm:ss}");
        await Task.Delay(Outage);
        await ExecuteAsync(system, "postgres-server", KnownResourceCommands.StartCommand);
        output.WriteLine($"PostgreSQL started at {DateTimeOffset.UtcNow:HH:mm:ss}");
        await Task.Delay(TimeSpan.FromSeconds(15));
        var sent = (await singles.StopAsync()).Concat(await batches.StopAsync()).ToList();

        // Then every record sent before, during and after the outage is stored exactly once
        await using var dataSource = NpgsqlDataSource.Create(postgres);
        await Eventually.UntilAsync(async () => await SentAndStored.CountStoredAsync(dataSource, sent) == sent.Count, TimeSpan.FromMinutes(3), "every sent record stored");
        await ProjectionsCaughtUp.WaitAsync(dataSource, ["usage_rollups"], TimeSpan.FromMinutes(2));
        var outcome = await SentAndStored.CompareAsync(dataSource, sent);
        output.WriteLine($"{outcome}; {singles.FailedSends + batches.FailedSends} sends retried");
        Assert.Equal(new SentAndStored(sent.Count, sent.Count, 0, 0, null), outcome);

        // And nothing was parked in an _error queue, and both services say Healthy
        using var http = new HttpClient { BaseAddress = system.UrlOf("ingestion") };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", system.AdminKey);
        var faulted = await http.GetFromJsonAsync<JsonElement>("/v1/admin/faulted-messages");
        Assert.Equal(0, faulted.GetProperty("total").GetInt64());
        Assert.Equal("Healthy", await http.GetStringAsync("/health"));
        using var aggregationHttp = new HttpClient { BaseAddress = system.UrlOf("aggregation") };
        Assert.Equal("Healthy", await aggregationHttp.GetStringAsync("/health"));
    }

    private static async Task ExecuteAsync(AppHostRun system, string resource, string command)
    {
        var result = await system.App.ResourceCommands.ExecuteCommandAsync(resource, command);
        Assert.True(result.Success, $"{command} {resource}: {result.Message}");
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
