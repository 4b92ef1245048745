using System.Diagnostics.Metrics;
using Microsoft.Extensions.Options;
using TokenOptimizer.ServiceDefaults;

namespace TokenOptimizer.Aggregation.RunningProjections;

/// <summary>
/// Each projection's dead letters and lag as OpenTelemetry gauges (<c>tokenoptimizer.projection.dead_letters</c>,
/// <c>tokenoptimizer.projection.lag</c>, tagged with the projection). Sampled every <c>Projections:MetricsInterval</c>
/// rather than queried in the gauge callback: an exporter must never wait on the database.
/// </summary>
public sealed partial class ProjectionMetrics : BackgroundService
{
    public const string MeterName = TelemetryExtensions.SourcePrefix + "Projections";

    private readonly IProjectionHealth _projections;
    private readonly IOptions<ProjectionOptions> _options;
    private readonly ILogger<ProjectionMetrics> _logger;
    private volatile IReadOnlyList<ProjectionState> _latest = [];

    public ProjectionMetrics(IProjectionHealth projections, IOptions<ProjectionOptions> options, IMeterFactory meters, ILogger<ProjectionMetrics> logger)
    {
        _projections = projections;
        _options = options;
        _logger = logger;
        // From the host's factory, which owns and disposes the meter, and lets a test listen to this host's alone.
        var meter = meters.Create(MeterName);
        meter.CreateObservableGauge("tokenoptimizer.projection.dead_letters", () => Measure(p => p.DeadLetters), "{event}",
            "Events the projection could not apply and set aside; its read models miss them until they are replayed.");
        meter.CreateObservableGauge("tokenoptimizer.projection.lag", () => Measure(p => p.Lag), "{event}",
            "Events in the log the projection has still to apply.");
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(_options.Value.MetricsInterval);
        do
        {
            try
            {
                _latest = await _projections.ReadAsync(0, stoppingToken);
            }
            catch (Exception exception) when (!stoppingToken.IsCancellationRequested)
            {
                // The gauges keep the last figures until the next sample works; metrics never stop the service.
                LogSampleFailed(exception);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    private IEnumerable<Measurement<long>> Measure(Func<ProjectionState, long> value) =>
        _latest.Select(p => new Measurement<long>(value(p), new KeyValuePair<string, object?>("projection", p.Name)));

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not read the projections' state for the metrics; trying again at the next interval")]
    private partial void LogSampleFailed(Exception exception);
}
