using Microsoft.Extensions.Options;
using Npgsql;

namespace TokenOptimizer.ReadModels;

/// <summary>
/// The one reader of provider and model health, in a fixed number of queries however many there are: each provider's
/// circuit and incidents from its grain's persisted state (<see cref="ProviderHealthState"/> in <see cref="GrainStateTable"/>);
/// rates over the last <c>recent</c> minutes of <c>provider_availability_minute</c> (<see cref="ProviderHealthTables"/>);
/// latency from the minute rollups of the last 15 minutes against the day's hour rollups; uptime = 1 − down minutes /
/// minutes in the window, where a minute with calls is down when its success rate (provider-caused failures only) is
/// under <see cref="ProviderUptimeOptions.UpMinuteSuccessRate"/> — a minute without calls is not evidence of downtime.
/// A model is listed while it had calls in the last 30 days, and scored like its provider (<see cref="HealthScore"/>),
/// under its provider's circuit. The score is computed when read: the figures it weighs move with the clock, not only
/// with events.
/// </summary>
public sealed class ProviderHealthReader(NpgsqlDataSource dataSource, UsageRollupReader rollups, IOptions<ProviderUptimeOptions> options, TimeProvider clock)
{
    private static readonly TimeSpan[] UptimeWindows = [TimeSpan.FromHours(24), TimeSpan.FromDays(7), TimeSpan.FromDays(30)];

    private static readonly TimeSpan IncidentsKeptInView = TimeSpan.FromDays(30);

    /// <summary>
    /// Every provider called so far (each has a grain), by name: its health over the last <paramref name="recentMinutes"/>, its models' and
    /// the incidents that ended in the last 30 days. One command at a time, in one turn.
    /// </summary>
    public async Task<IReadOnlyList<ProviderHealth>> AllAsync(int recentMinutes, DatabaseTurns turns, CancellationToken cancellationToken)
    {
        using var turn = await turns.TakeAsync(cancellationToken);
        var now = clock.GetUtcNow();
        var states = await StatesAsync(cancellationToken);
        var counts = await CountsAsync(now.AddMinutes(-recentMinutes), now, cancellationToken);
        var uptimes = new List<Dictionary<HealthSubject, double>>();
        foreach (var window in UptimeWindows)
        {
            uptimes.Add(await UptimesAsync(now, window, cancellationToken));
        }

        var recent = await rollups.SketchesByModelAsync(RollupGranularity.Minute, now.AddMinutes(-15), now, null, null, cancellationToken);
        var day = await rollups.SketchesByModelAsync(RollupGranularity.Hour, now.AddHours(-24), now, null, null, cancellationToken);
        var incidents = Incidents(states, now - IncidentsKeptInView, null).ToLookup(i => i.Provider, StringComparer.Ordinal);

        Health Of(HealthSubject subject, string circuitState)
        {
            var (requests, failures) = counts.GetValueOrDefault(subject);
            var errorRate = requests == 0 ? 0 : (double)failures / requests;
            var recentSketches = Merge(recent, subject);
            var daySketches = Merge(day, subject);
            var uptime = uptimes.Select(u => u.GetValueOrDefault(subject, 1.0)).ToArray();
            var score = HealthScore.Compute(errorRate, recentSketches.Latency.Quantile(0.95), daySketches.Latency.Quantile(0.95), uptime[0], circuitState);
            return new Health((double)requests / recentMinutes, (double)failures / recentMinutes, Math.Round(errorRate, 4),
                LatencyPercentiles.Of(recentSketches.Latency), LatencyPercentiles.Of(recentSketches.Ttft), uptime[0], uptime[1], uptime[2], score, HealthScore.StatusOf(score));
        }

        return states.Select(state => new ProviderHealth(
                state.Provider, state.Circuit.State, state.Circuit.ChangedAt, Of(new HealthSubject(state.Provider, null), state.Circuit.State),
                counts.Keys.Where(s => s.Provider == state.Provider && s.Model is not null).Select(s => s.Model!).Order(StringComparer.Ordinal)
                    .Select(model => new ModelHealth(state.Provider, model, Of(new HealthSubject(state.Provider, model), state.Circuit.State))).ToList())
            {
                Incidents = [.. incidents[state.Provider]],
            })
            .ToList();
    }

    /// <summary>
    /// Each provider's live state as its grain persisted it, by name: the circuit breaker with its sliding window, the
    /// incidents it keeps, the last event applied. Every provider called so far has one.
    /// </summary>
    public async Task<IReadOnlyList<ProviderHealthState>> StatesAsync(CancellationToken cancellationToken) =>
        [.. (await GrainStateTable.ReadAsync<ProviderHealthState>(dataSource, ProviderHealthState.StateName, null, cancellationToken))
            .OrderBy(s => s.Provider, StringComparer.Ordinal)];

    /// <summary>Incidents that ended at or after <paramref name="endedSince"/> (any, if null), latest start first; at most <paramref name="limit"/> (all, if null).</summary>
    public async Task<IReadOnlyList<ProviderIncident>> IncidentsAsync(DateTimeOffset? endedSince, int? limit, CancellationToken cancellationToken) =>
        Incidents(await StatesAsync(cancellationToken), endedSince, limit);

    // Each provider keeps the incidents of its last ProviderHealthState.IncidentsKept (a month): few enough to sort here.
    private static List<ProviderIncident> Incidents(IEnumerable<ProviderHealthState> states, DateTimeOffset? endedSince, int? limit) =>
        states.SelectMany(s => s.Incidents)
            .Where(i => endedSince is null || i.EndedAt >= endedSince)
            .OrderByDescending(i => i.StartedAt)
            .Take(limit ?? int.MaxValue)
            .ToList();

    private static (LatencySketch Latency, LatencySketch Ttft) Merge(
        IReadOnlyDictionary<(string Provider, string Model), (LatencySketch Latency, LatencySketch Ttft)> sketches, HealthSubject subject)
    {
        var merged = (Latency: new LatencySketch(), Ttft: new LatencySketch());
        foreach (var ((provider, model), pair) in sketches)
        {
            if (provider == subject.Provider && (subject.Model is null || subject.Model == model))
            {
                merged.Latency.Merge(pair.Latency);
                merged.Ttft.Merge(pair.Ttft);
            }
        }

        return merged;
    }

    /// <summary>Each provider's circuit state (<c>closed</c>, <c>open</c>, <c>half_open</c>), by provider: one query, for the metrics.</summary>
    public async Task<IReadOnlyDictionary<string, string>> CircuitStatesAsync(CancellationToken cancellationToken) =>
        (await StatesAsync(cancellationToken)).ToDictionary(s => s.Provider, s => s.Circuit.State, StringComparer.Ordinal);

    // Recent calls and failures per provider (model null) and per model; every model seen in 30 days gets a row.
    private async Task<Dictionary<HealthSubject, (long Requests, long Failures)>> CountsAsync(DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand($"""
            SELECT provider, model, coalesce(sum(request_count) FILTER (WHERE minute >= $1), 0)::bigint,
                   coalesce(sum(failure_count) FILTER (WHERE minute >= $1), 0)::bigint
            FROM {ProviderHealthTables.AvailabilityMinute} WHERE minute >= $3 AND minute < $2
            GROUP BY GROUPING SETS ((provider), (provider, model))
            """);
        command.Parameters.Add(new NpgsqlParameter { Value = from.UtcDateTime });
        command.Parameters.Add(new NpgsqlParameter { Value = to.UtcDateTime });
        command.Parameters.Add(new NpgsqlParameter { Value = (to - UptimeWindows[^1]).UtcDateTime });
        var counts = new Dictionary<HealthSubject, (long, long)>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            counts[await SubjectAsync(reader, cancellationToken)] = (reader.GetInt64(2), reader.GetInt64(3));
        }

        return counts;
    }

    private async Task<Dictionary<HealthSubject, double>> UptimesAsync(DateTimeOffset now, TimeSpan window, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand($"""
            SELECT provider, model, count(*) FROM (
                SELECT provider, model, sum(request_count) AS calls, sum(provider_failures) AS failures
                FROM {ProviderHealthTables.AvailabilityMinute} WHERE minute >= $1 AND minute < $2
                GROUP BY GROUPING SETS ((provider, minute), (provider, model, minute))
            ) per_minute
            WHERE calls > 0 AND 1 - failures::double precision / calls < $3
            GROUP BY provider, model
            """);
        command.Parameters.Add(new NpgsqlParameter { Value = (now - window).UtcDateTime });
        command.Parameters.Add(new NpgsqlParameter { Value = now.UtcDateTime });
        command.Parameters.Add(new NpgsqlParameter { Value = options.Value.UpMinuteSuccessRate });
        var uptimes = new Dictionary<HealthSubject, double>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            uptimes[await SubjectAsync(reader, cancellationToken)] = Math.Round(1 - reader.GetInt64(2) / window.TotalMinutes, 5);
        }

        return uptimes;
    }

    private static async Task<HealthSubject> SubjectAsync(NpgsqlDataReader reader, CancellationToken cancellationToken) =>
        new(reader.GetString(0), await reader.IsDBNullAsync(1, cancellationToken) ? null : reader.GetString(1));
}
