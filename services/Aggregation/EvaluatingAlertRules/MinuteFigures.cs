namespace TokenOptimizer.Aggregation.EvaluatingAlertRules;

/// <summary>What a rule's scope saw over some span: the sums every metric is taken from.</summary>
public sealed record MinuteFigures(long Requests, long Failures, long Unpriced, decimal CostUsd, long Tokens)
{
    public static MinuteFigures None { get; } = new(0, 0, 0, 0, 0);

    public MinuteFigures Plus(MinuteFigures other) =>
        new(Requests + other.Requests, Failures + other.Failures, Unpriced + other.Unpriced, CostUsd + other.CostUsd, Tokens + other.Tokens);

    /// <summary>The metric's value; null for a rate over no requests.</summary>
    public decimal? ValueOf(string metric) => metric switch
    {
        AlertMetrics.Cost => CostUsd,
        AlertMetrics.Requests => Requests,
        AlertMetrics.Tokens => Tokens,
        AlertMetrics.ErrorRate => Requests == 0 ? null : decimal.Round((decimal)Failures / Requests, 6),
        AlertMetrics.UnpricedShare => Requests == 0 ? null : decimal.Round((decimal)Unpriced / Requests, 6),
        _ => throw new ArgumentOutOfRangeException(nameof(metric), metric, "not a window metric"),
    };
}
