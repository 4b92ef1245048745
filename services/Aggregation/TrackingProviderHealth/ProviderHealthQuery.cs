using Microsoft.Extensions.Options;
using Npgsql;
using TokenOptimizer.Aggregation.RollingUpUsage;
using TokenOptimizer.Contracts;
using TokenOptimizer.ReadModels;

namespace TokenOptimizer.Aggregation.TrackingProviderHealth;

/// <summary>
/// Reads provider and model health from the read models, in a fixed number of queries however many there are:
/// rates over the last <c>recent</c> minutes (5 by default) of <c>provider_availability_minute</c>; latency from
/// the minute rollups of the last 15 minutes against the day's hour rollups; uptime = 1 − down minutes / minutes
/// in the window, where a minute with calls is down when its success rate (provider-caused failures only) is under
/// <c>UpMinuteSuccessRate</c> — a minute without calls is not evidence of downtime. A model is listed while it
/// had calls in the last 30 days, and scored like its provider, under its provider's circuit (read from its grain's
/// persisted state).
/// </summary>
public sealed class ProviderHealthQuery(NpgsqlDataSource dataSource, LiveStateReader live, LatencyPercentilesQuery latency, IOptions<ProviderHealthOptions> options, TimeProvider clock)
{
    private static readonly TimeSpan[] UptimeWindows = [TimeSpan.FromHours(24), TimeSpan.FromDays(7), TimeSpan.FromDays(30)];

    public async Task<IReadOnlyList<ProviderHealth>> AllAsync(int recentMinutes, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var circuits = (await live.ProvidersAsync(cancellationToken)).ToDictionary(p => p.Provider, p => (p.Circuit.State, p.Circuit.ChangedAt), StringComparer.Ordinal);
        var counts = await CountsAsync(now.AddMinutes(-recentMinutes), now, cancellationToken);
        var uptimes = new List<Dictionary<HealthSubject, double>>();
        foreach (var window in UptimeWindows)
        {
            uptimes.Add(await UptimesAsync(now, window, cancellationToken));
        }

        var recent = await latency.SketchesByModelAsync(RollupGranularity.Minute, now.AddMinutes(-15), now, cancellationToken);
        var day = await latency.SketchesByModelAsync(RollupGranularity.Hour, now.AddHours(-24), now, cancellationToken);

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

        return circuits.OrderBy(c => c.Key, StringComparer.Ordinal).Select(circuit => new ProviderHealth(
                circuit.Key, circuit.Value.State, circuit.Value.ChangedAt, Of(new HealthSubject(circuit.Key, null), circuit.Value.State),
                counts.Keys.Where(s => s.Provider == circuit.Key && s.Model is not null).Select(s => s.Model!).Order(StringComparer.Ordinal)
                    .Select(model => new ModelHealth(circuit.Key, model, Of(new HealthSubject(circuit.Key, model), circuit.Value.State))).ToList()))
            .ToList();
    }

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
