using Npgsql;
using TokenOptimizer.EventStore;
using TokenOptimizer.EventStore.Schema;

namespace TokenOptimizer.Recommendations.Lifecycle;

/// <summary>Runs the list projection's daemon for the life of the service, restarting it after a failure.</summary>
public sealed partial class RecommendationListRunner(EventLog log, RecommendationListProjection projection, ILogger<RecommendationListRunner> logger) : BackgroundService
{
    public ProjectionDaemon Daemon { get; } = new(log, projection, new ProjectionDaemonOptions
    {
        PollInterval = TimeSpan.FromMilliseconds(100),
        // Not dead-lettering: the list reads the whole log with a registry that knows only this service's events.
    });

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

    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        Daemon.KeepRunningAsync(new RestartBackoff(TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(5)), (exception, delay) => LogDaemonFailed(delay, exception), stoppingToken);

    [LoggerMessage(Level = LogLevel.Error, Message = "The recommendation list projection stopped; restarting in {Delay}")]
    private partial void LogDaemonFailed(TimeSpan delay, Exception exception);
}
