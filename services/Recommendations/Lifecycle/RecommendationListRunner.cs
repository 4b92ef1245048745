using Npgsql;
using TokenOptimizer.EventStore;
using TokenOptimizer.EventStore.Schema;

namespace TokenOptimizer.Recommendations.Lifecycle;

/// <summary>Runs the list projection's daemon for the life of the service, restarting it after a failure.</summary>
public sealed partial class RecommendationListRunner(EventLog log, RecommendationListProjection projection, ILogger<RecommendationListRunner> logger) : BackgroundService
{
    public ProjectionDaemon Daemon { get; } = new(log, projection, new ProjectionDaemonOptions { PollInterval = TimeSpan.FromMilliseconds(100) });

    /// <summary>Waits until the list holds every event appended so far: a caller that just wrote then reads its own writes.</summary>
    public async Task CaughtUpAsync(CancellationToken cancellationToken)
    {
        await using var head = log.DataSource.CreateCommand($"SELECT coalesce(max(seq), 0) FROM {EventsTable.Name}");
        var through = (long)(await head.ExecuteScalarAsync(cancellationToken))!;
        while (await Daemon.ReadCheckpointAsync(cancellationToken) < through)
        {
            await Task.Delay(TimeSpan.FromMilliseconds(20), cancellationToken);
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await Daemon.RunAsync(stoppingToken);
            }
            catch (Exception exception) when (exception is not OperationCanceledException)
            {
                LogDaemonFailed(exception);
                await Task.Delay(TimeSpan.FromSeconds(1), stoppingToken);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "The recommendation list projection stopped; restarting")]
    private partial void LogDaemonFailed(Exception exception);
}
