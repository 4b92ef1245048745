using System.Diagnostics.Metrics;
using TokenOptimizer.ReadModels;

namespace TokenOptimizer.Query.ExportingMetrics;

/// <summary>
/// The business figures as observable instruments over <see cref="UsageMetricsSource.Current"/>: totals since the
/// start as counters, latency over the recent window as a gauge per quantile. Labels: provider, model, feature, team
/// (an empty value: the calls gave none), bounded by <see cref="CellLabels"/>; tokens also by kind.
/// </summary>
public sealed class UsageMeter : IDisposable
{
    /// <summary>
    /// Outside the <c>TokenOptimizer.*</c> meters the service exports over OTLP: these callbacks show the snapshot the
    /// last scrape refreshed, which only the scrape endpoint keeps fresh.
    /// </summary>
    private const string NamePrefix = "Prometheus.TokenOptimizer.Usage.";

    private static readonly double[] Quantiles = [0.5, 0.95, 0.99];

    private static readonly (string Name, Func<UsageCellTotals, long> Count)[] TokenKinds =
    [
        ("input", c => c.InputTokens), ("cached_input", c => c.CachedInputTokens), ("cache_write", c => c.CacheWriteTokens),
        ("output", c => c.OutputTokens), ("reasoning", c => c.ReasoningTokens),
    ];

    // A name of its own per instance: a meter provider listens to every meter of its name in the process, and two Query
    // hosts in one process (the tests run several) would share one stream, which ends when either's meter is disposed.
    // The name is not exported (no scope labels).
    private readonly Meter _meter = new(NamePrefix + Guid.NewGuid().ToString("N"));

    public UsageMeter(UsageMetricsSource source)
    {
        // Money is decimal everywhere else; Prometheus has only doubles, exact to well under a cent at any realistic spend.
        // The currency is in the name, as Prometheus names units; the annotation unit "{USD}" adds no second suffix.
        _meter.CreateObservableCounter("tokenoptimizer.cost.usd", () => Each(source.Current.Totals, c => (double)c.CostUsd), "{USD}",
            "Spend since the start, priced from the model catalog (unpriced calls count nothing).");
        _meter.CreateObservableCounter("tokenoptimizer.requests", () => Each(source.Current.Totals, c => c.Requests), "{request}",
            "Calls since the start, successful or not.");
        _meter.CreateObservableCounter("tokenoptimizer.errors", () => Each(source.Current.Totals, c => c.Failures), "{request}",
            "Failed calls since the start.");
        _meter.CreateObservableCounter("tokenoptimizer.tokens", () => Tokens(source.Current.Totals), "{token}",
            "Tokens since the start by kind: input (the whole prompt, cached reads and cache writes included), cached_input, cache_write, output (reasoning included), reasoning.");
        _meter.CreateObservableGauge("tokenoptimizer.latency", () => Latency(source.Current.Recent), "ms",
            "Latency quantiles (0.5, 0.95, 0.99) of the calls in the recent window (Query:Metrics:LatencyWindow).");
    }

    /// <summary>The meter the scrape endpoint's meter provider listens to.</summary>
    public string MeterName => _meter.Name;

    public void Dispose() => _meter.Dispose();

    private static IEnumerable<Measurement<T>> Each<T>(IEnumerable<UsageCellTotals> cells, Func<UsageCellTotals, T> value) where T : struct =>
        cells.Select(c => new Measurement<T>(value(c), Labels(c)));

    private static IEnumerable<Measurement<long>> Tokens(IEnumerable<UsageCellTotals> cells) =>
        from c in cells
        from kind in TokenKinds
        select new Measurement<long>(kind.Count(c), [.. Labels(c), new("kind", kind.Name)]);

    private static IEnumerable<Measurement<double>> Latency(IEnumerable<UsageCellTotals> cells) =>
        from c in cells
        where !c.Latency.IsEmpty
        from q in Quantiles
        select new Measurement<double>(c.Latency.Quantile(q)!.Value, [.. Labels(c), new("quantile", q.ToString(System.Globalization.CultureInfo.InvariantCulture))]);

    private static KeyValuePair<string, object?>[] Labels(UsageCellTotals cell) =>
        [new("provider", cell.Provider), new("model", cell.Model), new("feature", cell.Feature), new("team", cell.Team)];
}
