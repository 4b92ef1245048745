using TokenOptimizer.Query.ExportingMetrics;
using TokenOptimizer.ReadModels;
using Xunit;

namespace TokenOptimizer.Query.IntegrationTests;

/// <summary>
/// The scrape's labels stay bounded whatever producers send: values outside the top by spend become <c>other</c>, and
/// past the series bound the cheapest combinations are summed under <c>other</c> in every label; nothing is lost.
/// </summary>
public sealed class BoundingMetricLabels
{
    [Fact]
    public void ValuesOutsideTheTopBySpend_AreSummedUnderOther()
    {
        // Given: three models, the cheapest of which has the most calls (the rank is by spend).
        UsageCellTotals[] cells = [Cell("gpt-4o", "chat", 5.00m, 10), Cell("claude-sonnet-4-5", "chat", 3.00m, 10), Cell("gpt-4o-mini", "chat", 0.10m, 500), Cell("gpt-4o-mini", "search", 0.20m, 700)];

        var folded = CellLabels.RankedBySpend(cells, top: 2, maxSeries: 100).Fold(cells);

        Assert.Equal(["claude-sonnet-4-5", "gpt-4o", CellLabels.Other], folded.Select(c => c.Model).Distinct().Order(StringComparer.Ordinal));
        var other = folded.Where(c => c.Model == CellLabels.Other).ToList();
        // Both features are in the top two, so the two cheap cells stay apart under the model "other".
        Assert.Equal(2, other.Count);
        Assert.Equal(cells.Sum(c => c.CostUsd), folded.Sum(c => c.CostUsd));
        Assert.Equal(cells.Sum(c => c.Requests), folded.Sum(c => c.Requests));
    }

    [Fact]
    public void MoreCombinationsThanTheBound_KeepsTheMostExpensive_AndSumsTheRestUnderOther()
    {
        // Given: ten features of one model, feature i costing i dollars.
        var cells = Enumerable.Range(1, 10).Select(i => Cell("gpt-4o", $"feature-{i}", i, i, latencyMs: 100 * i)).ToList();

        var folded = CellLabels.RankedBySpend(cells, top: 50, maxSeries: 4).Fold(cells);

        Assert.Equal(4, folded.Count);
        Assert.Equal(["feature-10", "feature-9", "feature-8"], folded.Take(3).Select(c => c.Feature));
        var rest = Assert.Single(folded, c => c.Feature == CellLabels.Other);
        Assert.Equal((CellLabels.Other, CellLabels.Other, CellLabels.Other), (rest.Provider, rest.Model, rest.Team));
        Assert.Equal(1m + 2 + 3 + 4 + 5 + 6 + 7, rest.CostUsd);
        Assert.Equal(7, rest.Latency.Count); // one call each, their sketches merged
        Assert.Equal(cells.Sum(c => c.Failures), folded.Sum(c => c.Failures));
    }

    private static UsageCellTotals Cell(string model, string feature, decimal cost, long requests, double latencyMs = 500)
    {
        var latency = new LatencySketch();
        latency.Add(latencyMs);
        return new UsageCellTotals("openai", model, feature, "team-a", requests, Failures: 1, InputTokens: requests * 100, OutputTokens: requests * 10,
            CachedInputTokens: 0, CacheWriteTokens: 0, ReasoningTokens: 0, cost, latency);
    }
}
