using TokenOptimizer.ReadModels;

namespace TokenOptimizer.Query.ExportingMetrics;

/// <summary>
/// What one scrape shows, labels already bounded: the totals since the start per provider, model, feature and team,
/// and the latency of each over the recent window.
/// </summary>
public sealed record UsageMetricsSnapshot(IReadOnlyList<UsageCellTotals> Totals, IReadOnlyList<UsageCellTotals> Recent, DateTimeOffset TakenAt)
{
    public static UsageMetricsSnapshot Empty { get; } = new([], [], DateTimeOffset.MinValue);
}
