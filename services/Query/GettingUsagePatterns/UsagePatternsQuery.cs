using Microsoft.Extensions.Options;
using Npgsql;
using TokenOptimizer.Query.Filtering;
using TokenOptimizer.Query.GettingTimeSeries;
using TokenOptimizer.Query.Serving;
using TokenOptimizer.ReadModels;

namespace TokenOptimizer.Query.GettingUsagePatterns;

/// <summary>
/// Usage patterns from the rollups, exact for the range: the heatmap from rows no coarser than an hour (a day row
/// cannot be split into hours), everything else from the fewest rows covering the range (<see cref="RollupUnion"/>).
/// </summary>
public sealed class UsagePatternsQuery(NpgsqlDataSource dataSource, TimeProvider clock, IOptions<QueryOptions> options)
{
    // The prompt-length histogram's columns with their inclusive upper bounds, as Aggregation's RollupCell writes them.
    private static readonly (long? UpToTokens, string Column)[] PromptLengthColumns =
    [
        (256, "prompts_upto_256"), (1024, "prompts_upto_1k"), (4096, "prompts_upto_4k"), (16_384, "prompts_upto_16k"),
        (65_536, "prompts_upto_64k"), (200_000, "prompts_upto_200k"), (null, "prompts_over_200k"),
    ];

    private const string EstimateColumns = "estimated_count, estimated_input_tokens, estimated_actual_input_tokens, estimate_abs_error_tokens";

    public async Task<UsagePatterns> GetAsync(UsageSlice slice, DatabaseTurns turns, CancellationToken cancellationToken)
    {
        var heatmap = await HeatmapAsync(slice, turns, cancellationToken);
        var byModel = await ModelSumsAsync(slice, turns, cancellationToken);
        return new UsagePatterns
        {
            Heatmap = heatmap,
            PeakHours = heatmap.GroupBy(c => c.Hour)
                .Select(g => new HourOfDayUsage(g.Key, g.Sum(c => c.Requests), g.Sum(c => c.CostUsd)))
                .Where(h => h.Requests > 0).OrderByDescending(h => h.Requests).ThenBy(h => h.Hour).Take(3).ToList(),
            PromptLengths = PromptLengthColumns.Select((bucket, i) => new PromptLengthBucket(bucket.UpToTokens, byModel.Sum(m => m.PromptLengths[i]))).ToList(),
            RatioByModel = byModel.Select(m => m.Ratio)
                .OrderByDescending(r => r.InputTokens + r.OutputTokens).ThenBy(r => r.Model, StringComparer.Ordinal).ToList(),
            TokenEfficiency = new TokenEfficiency(
                byModel.Sum(m => m.Estimates.EstimatedCalls), byModel.Sum(m => m.Estimates.EstimatedInputTokens),
                byModel.Sum(m => m.Estimates.ActualInputTokens), byModel.Sum(m => m.Estimates.AbsoluteErrorTokens)),
        };
    }

    private async Task<IReadOnlyList<HeatmapCell>> HeatmapAsync(UsageSlice slice, DatabaseTurns turns, CancellationToken cancellationToken)
    {
        var filter = new SqlFilter();
        var rows = BucketedRollups.Sql(slice, RollupGranularity.Hour, "request_count, cost_total_usd", filter, clock.GetUtcNow(), options.Value.MinuteRowsKeptFor,
            acrossDimensions: true);
        using var turn = await turns.TakeAsync(cancellationToken);
        await using var command = filter.Command(dataSource, $"""
            SELECT extract(isodow FROM bucket AT TIME ZONE 'UTC')::int, extract(hour FROM bucket AT TIME ZONE 'UTC')::int,
                   sum(request_count)::bigint, sum(cost_total_usd)
            FROM ({rows}) r GROUP BY 1, 2
            """);
        var cells = new Dictionary<(int Weekday, int Hour), HeatmapCell>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            var cell = new HeatmapCell(reader.GetInt32(0), reader.GetInt32(1), reader.GetInt64(2), reader.GetDecimal(3));
            cells[(cell.Weekday, cell.Hour)] = cell;
        }

        return Enumerable.Range(1, 7).SelectMany(weekday => Enumerable.Range(0, 24).Select(hour =>
            cells.GetValueOrDefault((weekday, hour)) ?? new HeatmapCell(weekday, hour, 0, 0))).ToList();
    }

    private async Task<List<ModelSums>> ModelSumsAsync(UsageSlice slice, DatabaseTurns turns, CancellationToken cancellationToken)
    {
        var measures = new[] { "input_tokens", "output_tokens" }.Concat(EstimateColumns.Split(", ")).Concat(PromptLengthColumns.Select(p => p.Column)).ToList();
        var filter = new SqlFilter();
        var rows = RollupUnion.Sql(slice, "model, " + string.Join(", ", measures), filter, clock.GetUtcNow(), options.Value.MinuteRowsKeptFor);
        using var turn = await turns.TakeAsync(cancellationToken);
        await using var command = filter.Command(dataSource, $"""
            SELECT model, {string.Join(", ", measures.Select(m => $"sum({m})::bigint"))}
            FROM ({rows}) r GROUP BY model
            """);
        var sums = new List<ModelSums>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            sums.Add(new ModelSums(
                new ModelTokenRatio(reader.GetString(0), reader.GetInt64(1), reader.GetInt64(2)),
                new TokenEfficiency(reader.GetInt64(3), reader.GetInt64(4), reader.GetInt64(5), reader.GetInt64(6)),
                PromptLengthColumns.Select((_, i) => reader.GetInt64(7 + i)).ToArray()));
        }

        return sums;
    }

    private sealed record ModelSums(ModelTokenRatio Ratio, TokenEfficiency Estimates, long[] PromptLengths);
}
