namespace TokenOptimizer.Aggregation.EvaluatingAlertRules;

/// <summary>
/// A rule's figure over its window as of <see cref="At"/> (the time of the usage that produced it), with the same
/// window's figures from earlier periods as its baseline (for <c>unusual</c>). Null <see cref="Value"/>: nothing to
/// measure (a rate over no requests), which neither fires nor resolves.
/// </summary>
public sealed record WindowFigure(decimal? Value, IReadOnlyList<decimal> Baseline, DateTimeOffset At);
