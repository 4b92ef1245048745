using Microsoft.Extensions.Options;
using Npgsql;
using TokenOptimizer.GraphQL;
using TokenOptimizer.Query.Filtering;
using TokenOptimizer.Query.Serving;
using TokenOptimizer.ReadModels;

namespace TokenOptimizer.Query.GettingLatency;

/// <summary>
/// Latency and time-to-first-token percentiles per value of a dimension: the sketches of the rollup rows that
/// cover the range exactly (<see cref="RollupUnion"/>), merged per value. Busiest value first.
/// </summary>
public sealed class LatencyQuery(NpgsqlDataSource dataSource, TimeProvider clock, IOptions<QueryOptions> options)
{
    public async Task<IReadOnlyList<LatencyProfile>> GetAsync(UsageSlice slice, Dimension by, DatabaseTurns turns, CancellationToken cancellationToken)
    {
        if (by == Dimension.User)
        {
            throw new GraphQLException("by: USER is not available in latency, as usage per user is kept per UTC day without latency sketches.", "BAD_USER_INPUT");
        }

        var filter = new SqlFilter();
        var rows = RollupUnion.Sql(slice, $"{by.Column}, request_count, latency_sketch, ttft_sketch", filter, clock.GetUtcNow(), options.Value.MinuteRowsKeptFor);
        using var turn = await turns.TakeAsync(cancellationToken);
        await using var command = filter.Command(dataSource, $"""
            SELECT {by.Column}, sum(request_count)::bigint,
                   array_agg(latency_sketch) FILTER (WHERE latency_sketch IS NOT NULL), array_agg(ttft_sketch) FILTER (WHERE ttft_sketch IS NOT NULL)
            FROM ({rows}) r GROUP BY {by.Column}
            """);
        var profiles = new List<LatencyProfile>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            var latency = await MergedAsync(reader, 2, cancellationToken);
            var ttft = await MergedAsync(reader, 3, cancellationToken);
            profiles.Add(new LatencyProfile
            {
                Key = reader.GetString(0), Requests = reader.GetInt64(1),
                P50Ms = latency.Quantile(0.50), P95Ms = latency.Quantile(0.95), P99Ms = latency.Quantile(0.99), P999Ms = latency.Quantile(0.999),
                TtftP50Ms = ttft.Quantile(0.50), TtftP95Ms = ttft.Quantile(0.95), TtftP99Ms = ttft.Quantile(0.99),
            });
        }

        return profiles.OrderByDescending(p => p.Requests).ThenBy(p => p.Key, StringComparer.Ordinal).ToList();
    }

    private static async Task<LatencySketch> MergedAsync(NpgsqlDataReader reader, int ordinal, CancellationToken cancellationToken) =>
        await reader.IsDBNullAsync(ordinal, cancellationToken)
            ? new LatencySketch()
            : LatencySketch.MergeAll(await reader.GetFieldValueAsync<byte[][]>(ordinal, cancellationToken));
}
