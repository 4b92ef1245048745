using Npgsql;
using TokenOptimizer.Aggregation.RollingUpUsage;
using TokenOptimizer.ReadModels;

namespace TokenOptimizer.Aggregation.MeasuringSlos;

/// <summary>
/// Measures the objectives over the period from the hour rollups, globally and per provider, against the targets in
/// force (stored over configured, <see cref="SloTargetsLog"/>).
/// </summary>
public sealed class SloQuery(NpgsqlDataSource dataSource, SloTargetsLog targetsLog, TimeProvider clock)
{
    public async Task<IReadOnlyList<SloReport>> AllAsync(CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var options = (await targetsLog.ReadAsync(cancellationToken)).Options;
        await using var command = dataSource.CreateCommand($"""
            SELECT provider, request_count, failure_count, errors_timeout + errors_rate_limit + errors_server_error + errors_other, latency_sketch
            FROM {RollupGranularity.Hour.Table} WHERE bucket_start >= $1 AND bucket_start < $2
            """);
        command.Parameters.Add(new NpgsqlParameter { Value = (now - options.Period).UtcDateTime });
        command.Parameters.Add(new NpgsqlParameter { Value = now.UtcDateTime });
        var totals = new Dictionary<string, (long Requests, long Failures, long ProviderFailures, LatencySketch Latency)>(StringComparer.Ordinal);
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken))
            {
                var sketch = await reader.IsDBNullAsync(4, cancellationToken) ? new LatencySketch() : LatencySketch.FromBytes((byte[])reader.GetValue(4));
                foreach (var scope in new[] { "", reader.GetString(0) })
                {
                    var current = totals.GetValueOrDefault(scope, (0, 0, 0, new LatencySketch()));
                    current.Latency.Merge(sketch);
                    totals[scope] = (current.Requests + reader.GetInt64(1), current.Failures + reader.GetInt64(2), current.ProviderFailures + reader.GetInt64(3), current.Latency);
                }
            }
        }

        totals.TryAdd("", (0, 0, 0, new LatencySketch()));
        return totals.OrderBy(t => t.Key, StringComparer.Ordinal).Select(t =>
        {
            var provider = t.Key.Length == 0 ? null : t.Key;
            var targets = options.For(provider);
            var measured = new SloMeasurement(t.Value.Requests, t.Value.Failures, t.Value.ProviderFailures, t.Value.Latency.Quantile(0.95),
                targets.LatencyP95Ms is { } p95 ? t.Value.Latency.FractionAbove(p95) : 0);
            return new SloReport(provider ?? "global", t.Value.Requests, SloEvaluator.Evaluate(measured, targets, options.AtRiskBelowBudgetRemaining));
        }).ToList();
    }
}
