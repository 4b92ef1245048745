using Microsoft.Extensions.Options;
using Npgsql;
using TokenOptimizer.Aggregation.RollingUpUsage;
using TokenOptimizer.Contracts;

namespace TokenOptimizer.Aggregation.TrackingProviderHealth;

/// <summary>One provider's health now.</summary>
public sealed record ProviderHealth(
    string Provider, string CircuitState, DateTimeOffset? CircuitChangedAt, double RequestsPerMinute, double ErrorsPerMinute, double ErrorRate,
    LatencyPercentiles Latency, double Uptime24h, double Uptime7d, double Uptime30d, int HealthScore, string Status, IReadOnlyList<ModelLatency> Models);

/// <summary>
/// Reads provider health from the read models: rates over the last <c>recent</c> minutes (5 by default) of
/// <c>provider_availability_minute</c>; latency from the minute rollups of the last 15 minutes against the
/// day's hour rollups; uptime = 1 − down minutes / minutes in the window, where a minute with calls is down when
/// its success rate is under <c>UpMinuteSuccessRate</c> (a minute without calls is not evidence of downtime).
/// </summary>
public sealed class ProviderHealthQuery(NpgsqlDataSource dataSource, LatencyPercentilesQuery latency, IOptions<ProviderHealthOptions> options, TimeProvider clock)
{
    public async Task<IReadOnlyList<ProviderHealth>> AllAsync(int recentMinutes, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var circuits = new Dictionary<string, (string State, DateTimeOffset? ChangedAt)>();
        await using (var command = dataSource.CreateCommand($"SELECT provider, state, changed_at FROM {ProviderHealthTables.Circuit}"))
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken))
            {
                circuits[reader.GetString(0)] = (reader.GetString(1), await reader.IsDBNullAsync(2, cancellationToken) ? null : new DateTimeOffset(reader.GetDateTime(2), TimeSpan.Zero));
            }
        }

        var recentModels = await latency.ByModelAsync(RollupGranularity.Minute, now.AddMinutes(-15), now, null, null, cancellationToken);
        var dayModels = await latency.ByModelAsync(RollupGranularity.Hour, now.AddHours(-24), now, null, null, cancellationToken);
        var health = new List<ProviderHealth>();
        foreach (var (provider, circuit) in circuits.OrderBy(c => c.Key, StringComparer.Ordinal))
        {
            var (requests, failures) = await CountsAsync(provider, now.AddMinutes(-recentMinutes), now, cancellationToken);
            var errorRate = requests == 0 ? 0 : (double)failures / requests;
            var recent = await latency.MergedAsync(RollupGranularity.Minute, now.AddMinutes(-15), now, provider, cancellationToken);
            var day = await latency.MergedAsync(RollupGranularity.Hour, now.AddHours(-24), now, provider, cancellationToken);
            var uptime24 = await UptimeAsync(provider, now, TimeSpan.FromHours(24), cancellationToken);
            var score = HealthScore.Compute(errorRate, recent.Quantile(0.95), day.Quantile(0.95), uptime24, circuit.State);
            health.Add(new ProviderHealth(provider, circuit.State, circuit.ChangedAt, (double)requests / recentMinutes, (double)failures / recentMinutes, Math.Round(errorRate, 4),
                LatencyPercentiles.Of(recent), uptime24, await UptimeAsync(provider, now, TimeSpan.FromDays(7), cancellationToken),
                await UptimeAsync(provider, now, TimeSpan.FromDays(30), cancellationToken), score, HealthScore.StatusOf(score),
                recentModels.Where(m => m.Provider == provider).Concat(dayModels.Where(m => m.Provider == provider && recentModels.All(r => r.Model != m.Model))).ToList()));
        }

        return health;
    }

    private async Task<(long Requests, long Failures)> CountsAsync(string provider, DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(
            $"SELECT coalesce(sum(request_count), 0)::bigint, coalesce(sum(failure_count), 0)::bigint FROM {ProviderHealthTables.AvailabilityMinute} WHERE provider = $1 AND minute >= $2 AND minute < $3");
        command.Parameters.Add(new NpgsqlParameter { Value = provider });
        command.Parameters.Add(new NpgsqlParameter { Value = from.UtcDateTime });
        command.Parameters.Add(new NpgsqlParameter { Value = to.UtcDateTime });
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        await reader.ReadAsync(cancellationToken);
        return (reader.GetInt64(0), reader.GetInt64(1));
    }

    private async Task<double> UptimeAsync(string provider, DateTimeOffset now, TimeSpan window, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand($"""
            SELECT count(*) FROM {ProviderHealthTables.AvailabilityMinute}
            WHERE provider = $1 AND minute >= $2 AND minute < $3 AND request_count > 0
              AND 1 - provider_failures::double precision / request_count < $4
            """);
        command.Parameters.Add(new NpgsqlParameter { Value = provider });
        command.Parameters.Add(new NpgsqlParameter { Value = (now - window).UtcDateTime });
        command.Parameters.Add(new NpgsqlParameter { Value = now.UtcDateTime });
        command.Parameters.Add(new NpgsqlParameter { Value = options.Value.UpMinuteSuccessRate });
        var down = (long)(await command.ExecuteScalarAsync(cancellationToken))!;
        return Math.Round(1 - down / window.TotalMinutes, 5);
    }
}
