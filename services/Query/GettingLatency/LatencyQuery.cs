using TokenOptimizer.GraphQL;
using TokenOptimizer.ReadModels;

namespace TokenOptimizer.Query.GettingLatency;

/// <summary>
/// Latency and time-to-first-token percentiles per value of a dimension: the sketches of the rollup rows that
/// cover the range exactly (<see cref="UsageRollupReader.LatencyByAsync"/>), merged per value. Busiest value first.
/// </summary>
public sealed class LatencyQuery(UsageRollupReader rollups)
{
    public async Task<IReadOnlyList<LatencyProfile>> GetAsync(UsageSlice slice, Dimension by, DatabaseTurns turns, CancellationToken cancellationToken)
    {
        if (by.DailyOnly)
        {
            throw new GraphQLException($"by: {by.Name} is not available in latency, as usage per user and API key is kept per UTC day without latency sketches.", "BAD_USER_INPUT");
        }

        return (await rollups.LatencyByAsync(slice, by, turns, cancellationToken)).Select(k => new LatencyProfile
            {
                Key = k.Key, Requests = k.Requests,
                P50Ms = k.Latency.Quantile(0.50), P95Ms = k.Latency.Quantile(0.95), P99Ms = k.Latency.Quantile(0.99), P999Ms = k.Latency.Quantile(0.999),
                TtftP50Ms = k.TimeToFirstToken.Quantile(0.50), TtftP95Ms = k.TimeToFirstToken.Quantile(0.95), TtftP99Ms = k.TimeToFirstToken.Quantile(0.99),
            })
            .OrderByDescending(p => p.Requests).ThenBy(p => p.Key, StringComparer.Ordinal).ToList();
    }
}
