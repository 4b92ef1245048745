using Microsoft.Extensions.Options;
using TokenOptimizer.ReadModels;

namespace TokenOptimizer.Query.ExportingMetrics;

/// <summary>
/// Holds the snapshot the metrics' callbacks read, and refreshes it from the rollups (<see cref="UsageRollupReader"/>)
/// when a scrape finds it older than <see cref="MetricsOptions.RefreshInterval"/>: the callbacks themselves never touch
/// the database, and concurrent scrapes wait for one read.
/// </summary>
public sealed class UsageMetricsSource(UsageRollupReader rollups, IOptions<MetricsOptions> options, TimeProvider clock) : IDisposable
{
    // Every rollup row there is: the day rollup is kept forever, so this covers every call since the start.
    private static readonly DateTimeOffset Beginning = new(2000, 1, 1, 0, 0, 0, TimeSpan.Zero);

    private readonly SemaphoreSlim _refreshing = new(1, 1);

    public UsageMetricsSnapshot Current { get; private set; } = UsageMetricsSnapshot.Empty;

    public async Task RefreshIfStaleAsync(CancellationToken cancellationToken)
    {
        var settings = options.Value;
        if (clock.GetUtcNow() - Current.TakenAt < settings.RefreshInterval)
        {
            return;
        }

        await _refreshing.WaitAsync(cancellationToken);
        try
        {
            var now = clock.GetUtcNow();
            if (now - Current.TakenAt < settings.RefreshInterval)
            {
                return; // Another scrape refreshed it while this one waited.
            }

            var minuteEnd = RollupRanges.Ceiling(now, TimeSpan.FromMinutes(1));
            // Two commands side by side; the snapshot is one request's worth of database work, as a dashboard's overview.
            var turns = new DatabaseTurns(2);
            var totals = rollups.TotalsByCellAsync(new UsageSlice(Beginning, minuteEnd), withLatency: false, turns, cancellationToken);
            var recent = rollups.TotalsByCellAsync(new UsageSlice(minuteEnd - WholeMinutes(settings.LatencyWindow), minuteEnd), withLatency: true, turns, cancellationToken);
            await Task.WhenAll(totals, recent);
            var labels = CellLabels.RankedBySpend(await totals, settings.TopValuesPerLabel, settings.MaxSeriesPerMetric);
            Current = new UsageMetricsSnapshot(labels.Fold(await totals), labels.Fold(await recent), now);
        }
        finally
        {
            _refreshing.Release();
        }
    }

    public void Dispose() => _refreshing.Dispose();

    private static TimeSpan WholeMinutes(TimeSpan window) => TimeSpan.FromMinutes(Math.Max(1, Math.Ceiling(window.TotalMinutes)));
}
