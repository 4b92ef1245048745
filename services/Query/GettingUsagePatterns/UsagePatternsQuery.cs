using TokenOptimizer.ReadModels;

namespace TokenOptimizer.Query.GettingUsagePatterns;

/// <summary>
/// Usage patterns from the rollups, exact for the range: the heatmap from rows no coarser than an hour (a day row
/// cannot be split into hours), everything else from the fewest rows covering the range (<see cref="UsageRollupReader"/>).
/// </summary>
public sealed class UsagePatternsQuery(UsageRollupReader rollups)
{
    public async Task<UsagePatterns> GetAsync(UsageSlice slice, DatabaseTurns turns, CancellationToken cancellationToken)
    {
        var cells = (await rollups.HeatmapAsync(slice, turns, cancellationToken)).ToDictionary(c => (c.Weekday, c.Hour));
        var heatmap = Enumerable.Range(1, 7).SelectMany(weekday => Enumerable.Range(0, 24).Select(hour =>
            cells.GetValueOrDefault((weekday, hour)) ?? new HeatmapCell(weekday, hour, 0, 0))).ToList();
        var byModel = await rollups.TokensByModelAsync(slice, turns, cancellationToken);
        return new UsagePatterns
        {
            Heatmap = heatmap,
            PeakHours = heatmap.GroupBy(c => c.Hour)
                .Select(g => new HourOfDayUsage(g.Key, g.Sum(c => c.Requests), g.Sum(c => c.CostUsd)))
                .Where(h => h.Requests > 0).OrderByDescending(h => h.Requests).ThenBy(h => h.Hour).Take(3).ToList(),
            PromptLengths = UsageRollupTables.PromptLengthBuckets
                .Select((bucket, i) => new PromptLengthBucket(bucket.UpToTokens, byModel.Sum(m => m.PromptLengths[i]))).ToList(),
            RatioByModel = byModel.Select(m => new ModelTokenRatio(m.Model, m.InputTokens, m.OutputTokens))
                .OrderByDescending(r => r.InputTokens + r.OutputTokens).ThenBy(r => r.Model, StringComparer.Ordinal).ToList(),
            TokenEfficiency = new TokenEfficiency(
                byModel.Sum(m => m.EstimatedCalls), byModel.Sum(m => m.EstimatedInputTokens), byModel.Sum(m => m.ActualInputTokens), byModel.Sum(m => m.AbsoluteErrorTokens)),
        };
    }
}
