using System.Diagnostics.Metrics;
using Microsoft.Extensions.Options;
using TokenOptimizer.Aggregation.RunningProjections;
using TokenOptimizer.Contracts;
using TokenOptimizer.ReadModels;
using TokenOptimizer.ServiceDefaults;

namespace TokenOptimizer.Aggregation.TrackingProviderHealth;

/// <summary>
/// Each provider's circuit as an OpenTelemetry gauge, <c>tokenoptimizer.provider.circuit_state</c> tagged with the provider:
/// 0 closed, 1 half open, 2 open. Sampled every <c>Projections:MetricsInterval</c> through the provider health reader, as
/// <see cref="ProjectionMetrics"/> samples its figures: an exporter must never wait on the database.
/// </summary>
public sealed partial class CircuitStateMetrics : BackgroundService
{
    public const string MeterName = TelemetryExtensions.SourcePrefix + "ProviderHealth";

    private readonly ProviderHealthReader _reader;
    private readonly IOptions<ProjectionOptions> _options;
    private readonly ILogger<CircuitStateMetrics> _logger;
    private volatile IReadOnlyDictionary<string, string> _latest = new Dictionary<string, string>();

    public CircuitStateMetrics(ProviderHealthReader reader, IOptions<ProjectionOptions> options, IMeterFactory meters, ILogger<CircuitStateMetrics> logger)
    {
        _reader = reader;
        _options = options;
        _logger = logger;
        meters.Create(MeterName).CreateObservableGauge("tokenoptimizer.provider.circuit_state", Measure, "{state}",
            "Each provider's circuit: 0 closed (calls flow), 1 half open (probing), 2 open (route elsewhere).");
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(_options.Value.MetricsInterval);
        do
        {
            try
            {
                _latest = await _reader.CircuitStatesAsync(stoppingToken);
            }
            catch (Exception exception) when (!stoppingToken.IsCancellationRequested)
            {
                // The gauge keeps the last states until the next sample works; metrics never stop the service.
                LogSampleFailed(exception);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    private IEnumerable<Measurement<int>> Measure() => _latest.Select(c => new Measurement<int>(
        c.Value switch { CircuitStates.Open => 2, CircuitStates.HalfOpen => 1, _ => 0 },
        new KeyValuePair<string, object?>("provider", c.Key)));

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not read the circuit states for the metrics; trying again at the next interval")]
    private partial void LogSampleFailed(Exception exception);
}
