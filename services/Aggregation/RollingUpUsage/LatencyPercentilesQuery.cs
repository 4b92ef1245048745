using Npgsql;
using TokenOptimizer.ReadModels;

namespace TokenOptimizer.Aggregation.RollingUpUsage;

/// <summary>Merges the rollup rows' sketches of a time range into percentiles per provider and model.</summary>
public sealed class LatencyPercentilesQuery(NpgsqlDataSource dataSource)
{
    /// <summary>The merged latency and time-to-first-token sketches of each provider and model in the range.</summary>
    public Task<Dictionary<(string Provider, string Model), (LatencySketch Latency, LatencySketch Ttft)>> SketchesByModelAsync(
        RollupGranularity granularity, DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken) =>
        SketchesAsync(granularity, from, to, null, null, cancellationToken);

    public async Task<IReadOnlyList<ModelLatency>> ByModelAsync(
        RollupGranularity granularity, DateTimeOffset from, DateTimeOffset to, string? provider, string? model, CancellationToken cancellationToken) =>
        (await SketchesAsync(granularity, from, to, provider, model, cancellationToken))
            .OrderBy(m => m.Key.Provider, StringComparer.Ordinal).ThenBy(m => m.Key.Model, StringComparer.Ordinal)
            .Select(m => new ModelLatency(m.Key.Provider, m.Key.Model, LatencyPercentiles.Of(m.Value.Latency), LatencyPercentiles.Of(m.Value.Ttft)))
            .ToList();

    private async Task<Dictionary<(string Provider, string Model), (LatencySketch Latency, LatencySketch Ttft)>> SketchesAsync(
        RollupGranularity granularity, DateTimeOffset from, DateTimeOffset to, string? provider, string? model, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand($"""
            SELECT provider, model, latency_sketch, ttft_sketch FROM {granularity.Table}
            WHERE bucket_start >= $1 AND bucket_start < $2 AND ($3::text IS NULL OR provider = $3) AND ($4::text IS NULL OR model = $4)
            """);
        command.Parameters.Add(new NpgsqlParameter { Value = from.UtcDateTime });
        command.Parameters.Add(new NpgsqlParameter { Value = to.UtcDateTime });
        command.Parameters.Add(new NpgsqlParameter<string?> { TypedValue = provider });
        command.Parameters.Add(new NpgsqlParameter<string?> { TypedValue = model });
        var merged = new Dictionary<(string Provider, string Model), (LatencySketch Latency, LatencySketch Ttft)>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            var key = (reader.GetString(0), reader.GetString(1));
            if (!merged.TryGetValue(key, out var sketches))
            {
                merged[key] = sketches = (new LatencySketch(), new LatencySketch());
            }

            if (!await reader.IsDBNullAsync(2, cancellationToken))
            {
                sketches.Latency.MergeBytes((byte[])reader.GetValue(2));
            }

            if (!await reader.IsDBNullAsync(3, cancellationToken))
            {
                sketches.Ttft.MergeBytes((byte[])reader.GetValue(3));
            }
        }

        return merged;
    }
}
