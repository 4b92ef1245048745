using System.Text.Json;
using Microsoft.Extensions.Options;
using Npgsql;
using TokenOptimizer.Aggregation.RunningProjections;
using Marten;
using TokenOptimizer.UsageLog;
using TokenOptimizer.ReadModels;

namespace TokenOptimizer.Aggregation.TrackingProviderHealth;

/// <summary>
/// Ends cool-downs by the clock: every second it looks for open circuits whose cool-down has run out and
/// appends a <see cref="CircuitCoolDownElapsed"/> for each; the health projection then moves them to half-open
/// (and the alert publisher announces it). Appending to the log, rather than changing state here, keeps the
/// breaker single-writer and a rebuild identical. Several instances may run this: each tick's stream is written once.
/// </summary>
public sealed partial class CircuitCoolDownTimer(
    IDocumentStore store, NpgsqlDataSource dataSource, IOptions<ProviderHealthOptions> options, IOptions<ProjectionOptions> projections, TimeProvider clock, ILogger<CircuitCoolDownTimer> logger) : BackgroundService
{
    public async Task<int> TickAsync(CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var elapsed = new List<(string StreamId, object Tick)>();
        await using (var command = dataSource.CreateCommand($"SELECT detail::text FROM {ProviderHealthTables.Circuit} WHERE state = 'open'"))
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken))
            {
                var circuit = JsonSerializer.Deserialize<CircuitState>(reader.GetString(0), JsonSerializerOptions.Web)!;
                if (circuit.OpenedAt is { } opened && opened + options.Value.CoolDown <= now)
                {
                    var tick = new CircuitCoolDownElapsed { Provider = circuit.Provider, OpenedBy = circuit.Transitions, At = opened + options.Value.CoolDown };
                    elapsed.Add((CircuitCoolDownElapsed.StreamFor(tick.Provider, tick.OpenedBy), tick));
                }
            }
        }

        return (await NewStreams.StartOnceAsync(store, elapsed, cancellationToken)).Count;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!projections.Value.Enabled)
        {
            return;
        }

        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(1), clock);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                await TickAsync(stoppingToken);
            }
            catch (NpgsqlException exception)
            {
                LogTickFailed(exception);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Checking circuit cool-downs failed; trying again in a second")]
    private partial void LogTickFailed(Exception exception);
}
