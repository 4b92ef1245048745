using MassTransit;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Npgsql;
using TokenOptimizer.DemoTraffic;

namespace TokenOptimizer.DemoProducer;

/// <summary>
/// Publishes realistic usage over the bus like a real producer. On an empty system it first fills the past days with
/// history, so the dashboard has trends to show.
/// </summary>
public sealed partial class DemoTrafficService(IBus bus, NpgsqlDataSource dataSource, IOptions<DemoOptions> options, ILogger<DemoTrafficService> logger)
    : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var demo = options.Value;
        var publisher = new DemoTrafficPublisher(bus, new UsageTrafficGenerator(Environment.TickCount));
        if (await IsEventLogEmptyAsync(stoppingToken))
        {
            var published = await publisher.BackfillAsync(DateTimeOffset.UtcNow, demo.BackfillDays, demo.BackfillRecordsPerDay, stoppingToken);
            LogBackfilled(published, demo.BackfillDays);
        }

        LogLive(demo.PeakPerSecond);
        await publisher.RunLiveAsync(demo.PeakPerSecond, TimeProvider.System, stoppingToken);
    }

    private async Task<bool> IsEventLogEmptyAsync(CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand("SELECT NOT EXISTS (SELECT 1 FROM events)");
        return (bool)(await command.ExecuteScalarAsync(cancellationToken))!;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Published {Count} records of history over the past {Days} days")]
    private partial void LogBackfilled(int count, int days);

    [LoggerMessage(Level = LogLevel.Information, Message = "Publishing live traffic, up to {PeakPerSecond} records/s at the daily peak")]
    private partial void LogLive(double peakPerSecond);
}
