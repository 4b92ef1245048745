using Microsoft.Extensions.Options;
using Npgsql;
using TokenOptimizer.Query.Filtering;
using TokenOptimizer.Query.Serving;

namespace TokenOptimizer.Query.GettingCostBreakdown;

/// <summary>Cost per value of one dimension, most expensive first, from the rollups (or the user-day rollup for users).</summary>
public sealed class CostBreakdownQuery(NpgsqlDataSource dataSource, TimeProvider clock, IOptions<QueryOptions> options)
{
    public const string UserDayTable = "usage_rollup_user_day";

    public async Task<IReadOnlyList<CostShare>> GetAsync(UsageSlice slice, Dimension by, DatabaseTurns turns, CancellationToken cancellationToken)
    {
        var current = await SumsAsync(slice, by, turns, cancellationToken);
        var previous = await SumsAsync(slice.Previous(), by, turns, cancellationToken);
        var total = current.Values.Sum(s => s.Cost);
        return current.Select(pair =>
            {
                var (key, sums) = pair;
                var before = previous.GetValueOrDefault(key)?.Cost ?? 0;
                return new CostShare
                {
                    Key = key, CostUsd = sums.Cost, Share = total == 0 ? 0 : Math.Round(sums.Cost / total, 6),
                    Requests = sums.Requests, InputTokens = sums.Input, OutputTokens = sums.Output, UnpricedRequests = sums.Unpriced,
                    CostPerRequestUsd = sums.Priced == 0 ? null : sums.Cost / sums.Priced,
                    PreviousCostUsd = before, TrendPercent = before == 0 ? null : Math.Round((sums.Cost - before) / before * 100, 2),
                };
            })
            .OrderByDescending(s => s.CostUsd).ThenByDescending(s => s.Requests).ThenBy(s => s.Key, StringComparer.Ordinal)
            .ToList();
    }

    private async Task<Dictionary<string, Sums>> SumsAsync(UsageSlice slice, Dimension by, DatabaseTurns turns, CancellationToken cancellationToken)
    {
        const string Measures = "request_count, input_tokens, output_tokens, priced_count, unpriced_count, cost_total_usd";
        var filter = new SqlFilter();
        var rows = by == Dimension.User
            ? $"SELECT user_id, {Measures} FROM {UserDayTable} WHERE {UserDayWhere(slice, filter)}"
            : RollupUnion.Sql(slice, $"{by.Column}, {Measures}", filter, clock.GetUtcNow(), options.Value.MinuteRowsKeptFor);
        using var turn = await turns.TakeAsync(cancellationToken);
        await using var command = filter.Command(dataSource, $"""
            SELECT {by.Column}, sum(request_count)::bigint, sum(input_tokens)::bigint, sum(output_tokens)::bigint,
                   sum(priced_count)::bigint, sum(unpriced_count)::bigint, sum(cost_total_usd)
            FROM ({rows}) r GROUP BY {by.Column}
            """);
        var sums = new Dictionary<string, Sums>(StringComparer.Ordinal);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            sums[reader.GetString(0)] = new Sums(reader.GetInt64(1), reader.GetInt64(2), reader.GetInt64(3), reader.GetInt64(4), reader.GetInt64(5), reader.GetDecimal(6));
        }

        return sums;
    }

    // The user rollup is per day: every day the range touches.
    private static string UserDayWhere(UsageSlice slice, SqlFilter filter)
    {
        var fromDay = DateOnly.FromDateTime(slice.From.UtcDateTime);
        var toDay = DateOnly.FromDateTime(RollupRanges.Ceiling(slice.To, TimeSpan.FromDays(1)).UtcDateTime);
        return $"day >= {filter.Add(fromDay)} AND day < {filter.Add(toDay)} AND {filter.Where(slice, null)}";
    }

    private sealed record Sums(long Requests, long Input, long Output, long Priced, long Unpriced, decimal Cost);
}
