using Microsoft.Extensions.Options;
using TokenOptimizer.EventStore;

namespace TokenOptimizer.Aggregation.RunningProjections;

/// <summary>
/// Runs every projection's daemon for the life of the service. Each daemon waits for its projection's
/// advisory lock, so across any number of instances exactly one applies each projection; a daemon that
/// fails (database restart, lost connection) is restarted with backoff.
/// </summary>
public sealed partial class ProjectionRunner(ProjectionCatalog catalog, IOptions<ProjectionOptions> options, ILogger<ProjectionRunner> logger) : BackgroundService
{
    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        options.Value.Enabled
            ? Task.WhenAll(catalog.Projections.Select(p => Task.Run(() => RunAsync(p, stoppingToken), stoppingToken)))
            : Task.CompletedTask;

    private async Task RunAsync(IProjection projection, CancellationToken stoppingToken)
    {
        var delay = options.Value.RestartDelay;
        // One daemon for the life of the service: it remembers events it skipped in a row across restarts.
        var daemon = catalog.DaemonFor(projection);
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await daemon.RunAsync(stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception exception)
            {
                LogDaemonFailed(projection.Name, delay, exception);
                try
                {
                    await Task.Delay(delay, stoppingToken);
                }
                catch (OperationCanceledException)
                {
                    return;
                }

                delay = TimeSpan.FromTicks(Math.Min(delay.Ticks * 2, TimeSpan.FromMinutes(1).Ticks));
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Projection {Projection} stopped; restarting in {Delay}")]
    private partial void LogDaemonFailed(string projection, TimeSpan delay, Exception exception);
}
