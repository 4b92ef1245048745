using TokenOptimizer.ReadModels;

namespace TokenOptimizer.Query.ExportingMetrics;

/// <summary>
/// Bounds the metrics' label values: per dimension (provider, model, feature, team) the <c>top</c> values by spend
/// since the start are kept, the rest become <see cref="Other"/>; then, if the combinations still outnumber the series
/// bound, the cheapest are summed under <see cref="Other"/> in every label. Rank once, from the totals since the start,
/// and fold every figure with it, so that the latency of a model is labelled as its spend is.
/// </summary>
public sealed class CellLabels
{
    /// <summary>The value standing for every value not kept.</summary>
    public const string Other = "other";

    private readonly HashSet<string>[] _kept;
    private readonly int _maxSeries;

    private CellLabels(HashSet<string>[] kept, int maxSeries)
    {
        _kept = kept;
        _maxSeries = maxSeries;
    }

    public static CellLabels RankedBySpend(IReadOnlyCollection<UsageCellTotals> totals, int top, int maxSeries)
    {
        HashSet<string> TopOf(Func<UsageCellTotals, string> label) =>
            totals.GroupBy(label).Select(g => (Value: g.Key, Cost: g.Sum(c => c.CostUsd), Requests: g.Sum(c => c.Requests)))
                .OrderByDescending(v => v.Cost).ThenByDescending(v => v.Requests).ThenBy(v => v.Value, StringComparer.Ordinal)
                .Take(top).Select(v => v.Value).ToHashSet(StringComparer.Ordinal);

        return new CellLabels([TopOf(c => c.Provider), TopOf(c => c.Model), TopOf(c => c.Feature), TopOf(c => c.Team)], maxSeries);
    }

    /// <summary>The cells with their labels bounded, cells that now share labels summed (their latency sketches merged).</summary>
    public IReadOnlyList<UsageCellTotals> Fold(IEnumerable<UsageCellTotals> cells)
    {
        var folded = Sum(cells.Select(c => c with
        {
            Provider = Kept(0, c.Provider), Model = Kept(1, c.Model), Feature = Kept(2, c.Feature), Team = Kept(3, c.Team),
        })).OrderByDescending(c => c.CostUsd).ThenByDescending(c => c.Requests).ToList();
        if (folded.Count <= _maxSeries)
        {
            return folded;
        }

        var cheapest = folded.Skip(_maxSeries - 1).Select(c => c with { Provider = Other, Model = Other, Feature = Other, Team = Other });
        return [.. Sum(folded.Take(_maxSeries - 1).Concat(cheapest))];
    }

    private string Kept(int dimension, string value) => _kept[dimension].Contains(value) ? value : Other;

    private static IEnumerable<UsageCellTotals> Sum(IEnumerable<UsageCellTotals> cells) =>
        cells.GroupBy(c => (c.Provider, c.Model, c.Feature, c.Team)).Select(g => g.Skip(1).Aggregate(g.First(), (sum, c) =>
        {
            var latency = new LatencySketch();
            latency.Merge(sum.Latency);
            latency.Merge(c.Latency);
            return sum with
            {
                Requests = sum.Requests + c.Requests, Failures = sum.Failures + c.Failures,
                InputTokens = sum.InputTokens + c.InputTokens, OutputTokens = sum.OutputTokens + c.OutputTokens,
                CachedInputTokens = sum.CachedInputTokens + c.CachedInputTokens, CacheWriteTokens = sum.CacheWriteTokens + c.CacheWriteTokens,
                ReasoningTokens = sum.ReasoningTokens + c.ReasoningTokens, CostUsd = sum.CostUsd + c.CostUsd, Latency = latency,
            };
        }));
}
