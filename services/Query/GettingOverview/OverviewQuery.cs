using Microsoft.Extensions.Options;
using Npgsql;
using TokenOptimizer.Query.Filtering;
using TokenOptimizer.Query.GettingRecommendations;
using TokenOptimizer.Query.Serving;
using TokenOptimizer.ReadModels;

namespace TokenOptimizer.Query.GettingOverview;

/// <summary>
/// The overview from the rollups. Projections: the run rate is the slice's filters over the last 7 days, per
/// day; month-end = month-to-date spend + run rate × the days left in the (UTC) month; annual = run rate × 365.
/// </summary>
public sealed class OverviewQuery(NpgsqlDataSource dataSource, RecommendationsQuery recommendations, TimeProvider clock, IOptions<QueryOptions> options)
{
    public async Task<Overview> GetAsync(UsageSlice slice, DatabaseTurns turns, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var monthStart = new DateTimeOffset(now.Year, now.Month, 1, 0, 0, 0, TimeSpan.Zero);
        var minuteEnd = RollupRanges.Ceiling(now, TimeSpan.FromMinutes(1));
        // Four independent sums, each on its own connection (as the request's turns allow): PostgreSQL works on them side by side.
        var current = TotalsAsync(slice, now, withLatency: true, turns, cancellationToken);
        var before = TotalsAsync(slice.Previous(), now, withLatency: false, turns, cancellationToken);
        var month = TotalsAsync(slice.Between(monthStart, minuteEnd), now, withLatency: false, turns, cancellationToken);
        var week = TotalsAsync(slice.Between(minuteEnd.AddDays(-7), minuteEnd), now, withLatency: false, turns, cancellationToken);
        // Advice covers every team's traffic: a team-scoped key gets none of its totals.
        var advice = slice.ScopeTeam is null ? recommendations.TotalsAsync(turns, cancellationToken) : Task.FromResult<(decimal, decimal)?>(null);
        await Task.WhenAll(current, before, month, week, advice);
        var totals = await current;
        var previous = (await before).Cost;
        var monthToDate = (await month).Cost;
        var perDay = (await week).Cost / 7;
        var daysLeft = (decimal)(monthStart.AddMonths(1) - now).TotalDays;
        var tokens = totals.Input + totals.Output;
        return new Overview
        {
            From = slice.From, To = slice.To,
            TotalCostUsd = totals.Cost, PreviousPeriodCostUsd = previous,
            CostChangePercent = previous == 0 ? null : Math.Round((totals.Cost - previous) / previous * 100, 2),
            Requests = totals.Requests, SuccessfulRequests = totals.Successes,
            SuccessRate = totals.Requests == 0 ? null : Math.Round((double)totals.Successes / totals.Requests, 4),
            InputTokens = totals.Input, OutputTokens = totals.Output, CachedInputTokens = totals.Cached, ReasoningTokens = totals.Reasoning,
            UnpricedRequests = totals.Unpriced,
            AverageCostPerRequestUsd = totals.Priced == 0 ? null : totals.Cost / totals.Priced,
            CostPer1MTokensUsd = tokens == 0 ? null : totals.Cost * 1_000_000 / tokens,
            ProjectedMonthEndUsd = Math.Round(monthToDate + perDay * daysLeft, 2),
            ProjectedAnnualUsd = Math.Round(perDay * 365, 2),
            P95LatencyMs = totals.Latency.Quantile(0.95),
            OptimisationPotentialUsd = (await advice)?.Item1,
            DocumentedSavingsUsd = (await advice)?.Item2,
        };
    }

    // Merging latency sketches is the costly part: only the period itself needs them.
    private async Task<Totals> TotalsAsync(UsageSlice slice, DateTimeOffset now, bool withLatency, DatabaseTurns turns, CancellationToken cancellationToken)
    {
        var filter = new SqlFilter();
        var rows = RollupUnion.Sql(slice, "request_count, success_count, input_tokens, output_tokens, cached_input_tokens, reasoning_tokens, priced_count, unpriced_count, cost_total_usd"
                + (withLatency ? ", latency_sketch" : ""),
            filter, now, options.Value.MinuteRowsKeptFor, acrossDimensions: true);
        using var turn = await turns.TakeAsync(cancellationToken);
        await using var command = filter.Command(dataSource, $"""
            SELECT coalesce(sum(request_count), 0)::bigint, coalesce(sum(success_count), 0)::bigint, coalesce(sum(input_tokens), 0)::bigint,
                   coalesce(sum(output_tokens), 0)::bigint, coalesce(sum(cached_input_tokens), 0)::bigint, coalesce(sum(reasoning_tokens), 0)::bigint,
                   coalesce(sum(priced_count), 0)::bigint, coalesce(sum(unpriced_count), 0)::bigint, coalesce(sum(cost_total_usd), 0),
                   {(withLatency ? "array_agg(latency_sketch) FILTER (WHERE latency_sketch IS NOT NULL)" : "NULL::bytea[]")}
            FROM ({rows}) r
            """);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        await reader.ReadAsync(cancellationToken);
        var latency = await reader.IsDBNullAsync(9, cancellationToken)
            ? new LatencySketch()
            : LatencySketch.MergeAll(await reader.GetFieldValueAsync<byte[][]>(9, cancellationToken));

        return new Totals(reader.GetInt64(0), reader.GetInt64(1), reader.GetInt64(2), reader.GetInt64(3), reader.GetInt64(4), reader.GetInt64(5),
            reader.GetInt64(6), reader.GetInt64(7), reader.GetDecimal(8), latency);
    }

    private sealed record Totals(long Requests, long Successes, long Input, long Output, long Cached, long Reasoning, long Priced, long Unpriced, decimal Cost, LatencySketch Latency);
}
