using Microsoft.Extensions.Options;
using TokenOptimizer.EventStore;

namespace TokenOptimizer.Aggregation.RunningProjections;

/// <summary>
/// Runs every projection's daemon for the life of the service. Each daemon waits for its projection's
/// advisory lock, so across any number of instances exactly one applies each projection; a daemon that
/// fails (database restart, lost connection) is restarted with a backoff that starts over once it succeeds.
/// </summary>
public sealed partial class ProjectionRunner(
    ProjectionCatalog catalog, ProjectionsRunningHere runningHere, IOptions<ProjectionOptions> options, ILogger<ProjectionRunner> logger) : BackgroundService
{
    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        options.Value.Enabled
            ? Task.WhenAll(catalog.Projections.Select(p => Task.Run(() => RunAsync(p, stoppingToken), stoppingToken)))
            : Task.CompletedTask;

    private Task RunAsync(IProjection projection, CancellationToken stoppingToken) =>
        catalog.DaemonFor(projection).KeepRunningAsync(
            new RestartBackoff(options.Value.RestartDelay, options.Value.MaxRestartDelay),
            (exception, delay) => LogDaemonFailed(projection.Name, delay, exception),
            stoppingToken,
            running => runningHere.Set(projection.Name, running));

    [LoggerMessage(Level = LogLevel.Error, Message = "Projection {Projection} stopped; restarting in {Delay}")]
    private partial void LogDaemonFailed(string projection, TimeSpan delay, Exception exception);
}
