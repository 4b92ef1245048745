using MassTransit;
using Microsoft.Extensions.Hosting;
using Npgsql;
using TokenOptimizer.DemoTraffic;

namespace TokenOptimizer.AppHost;

/// <summary>
/// <c>--demo</c>: publishes realistic usage over the bus like a real producer. On an empty system it first
/// fills the past days with history, so the dashboard has trends to show.
/// </summary>
internal sealed class DemoTrafficService(AppHostOptions options, Resources resources, Console console) : BackgroundService
{
    private const int BackfillRecordsPerDay = 3000;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        // The bus is made here, not in the container: the broker's address is known only once it has started.
        var bus = Bus.Factory.CreateUsingRabbitMq(rabbit => rabbit.Host(new Uri(resources.RabbitMqConnectionString)));
        await bus.StartAsync(stoppingToken);
        try
        {
            await PublishAsync(new DemoTrafficPublisher(bus, new UsageTrafficGenerator(Environment.TickCount)), stoppingToken);
        }
        finally
        {
            await bus.StopAsync(CancellationToken.None);
        }
    }

    private async Task PublishAsync(DemoTrafficPublisher publisher, CancellationToken stoppingToken)
    {
        if (await IsEventLogEmptyAsync(stoppingToken))
        {
            var published = await publisher.BackfillAsync(DateTimeOffset.UtcNow, options.DemoBackfillDays, BackfillRecordsPerDay, stoppingToken);
            console.Detail($"demo: published {published:N0} records of history over the past {options.DemoBackfillDays} days");
        }

        console.Detail($"demo: publishing live traffic, up to {options.DemoPeakPerSecond:0.#} records/s at the daily peak");
        await publisher.RunLiveAsync(options.DemoPeakPerSecond, TimeProvider.System, stoppingToken);
    }

    private async Task<bool> IsEventLogEmptyAsync(CancellationToken cancellationToken)
    {
        await using var dataSource = NpgsqlDataSource.Create(resources.PostgresConnectionString);
        await using var command = dataSource.CreateCommand("SELECT NOT EXISTS (SELECT 1 FROM events)");
        return (bool)(await command.ExecuteScalarAsync(cancellationToken))!;
    }
}
