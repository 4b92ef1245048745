using Npgsql;

namespace TokenOptimizer.ReadModels;

// Questions about providers and models over a period of whole buckets of one granularity: latency, SLO totals.
public sealed partial class UsageRollupReader
{
    /// <summary>
    /// The merged latency and time-to-first-token sketches of each provider and model (optionally only
    /// <paramref name="provider"/> and <paramref name="model"/>) in the buckets of <paramref name="granularity"/> that
    /// start in [<paramref name="from"/>, <paramref name="to"/>).
    /// </summary>
    public async Task<Dictionary<(string Provider, string Model), (LatencySketch Latency, LatencySketch Ttft)>> SketchesByModelAsync(
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

    /// <summary>Latency and time-to-first-token percentiles per provider and model, by provider then model.</summary>
    public async Task<IReadOnlyList<ModelLatency>> LatencyByModelAsync(
        RollupGranularity granularity, DateTimeOffset from, DateTimeOffset to, string? provider, string? model, CancellationToken cancellationToken) =>
        (await SketchesByModelAsync(granularity, from, to, provider, model, cancellationToken))
            .OrderBy(m => m.Key.Provider, StringComparer.Ordinal).ThenBy(m => m.Key.Model, StringComparer.Ordinal)
            .Select(m => new ModelLatency(m.Key.Provider, m.Key.Model, LatencyPercentiles.Of(m.Value.Latency), LatencyPercentiles.Of(m.Value.Ttft)))
            .ToList();

    /// <summary>
    /// Each provider's calls, failures, provider-caused failures (<see cref="UsageRollupTables.ProviderErrorTypes"/>) and
    /// merged latency in the hours that start in [<paramref name="from"/>, <paramref name="to"/>), by provider.
    /// </summary>
    public async Task<IReadOnlyList<ProviderPeriodTotals>> ProviderTotalsAsync(DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand($"""
            SELECT provider, request_count, failure_count, {string.Join(" + ", UsageRollupTables.ProviderErrorTypes.Select(UsageRollupTables.ErrorColumn))}, latency_sketch
            FROM {RollupGranularity.Hour.Table} WHERE bucket_start >= $1 AND bucket_start < $2
            """);
        command.Parameters.Add(new NpgsqlParameter { Value = from.UtcDateTime });
        command.Parameters.Add(new NpgsqlParameter { Value = to.UtcDateTime });
        var totals = new Dictionary<string, ProviderPeriodTotals>(StringComparer.Ordinal);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            var provider = reader.GetString(0);
            var current = totals.GetValueOrDefault(provider) ?? new ProviderPeriodTotals(provider, 0, 0, 0, new LatencySketch());
            if (!await reader.IsDBNullAsync(4, cancellationToken))
            {
                current.Latency.MergeBytes((byte[])reader.GetValue(4));
            }

            totals[provider] = current with
            {
                Requests = current.Requests + reader.GetInt64(1), Failures = current.Failures + reader.GetInt64(2), ProviderFailures = current.ProviderFailures + reader.GetInt64(3),
            };
        }

        return totals.Values.OrderBy(t => t.Provider, StringComparer.Ordinal).ToList();
    }
}
