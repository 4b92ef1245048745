namespace TokenOptimizer.Aggregation.EvaluatingAlertRules;

/// <summary>What an alert rule can watch over its window (the names <see cref="Contracts.AlertStateChanged.Metric"/> carries).</summary>
public static class AlertMetrics
{
    public const string Cost = "cost";
    public const string ErrorRate = "error_rate";
    public const string P95Latency = "p95_latency";
    public const string Requests = "requests";
    public const string Tokens = "tokens";
    public const string UnpricedShare = "unpriced_share";

    /// <summary>Built-in rules only: a detected usage anomaly, a provider's circuit.</summary>
    public const string Anomaly = "anomaly";
    public const string Circuit = "circuit";

    /// <summary>The metrics a defined rule may name. <see cref="P95Latency"/> is not among them yet: its window needs a latency sketch per rule.</summary>
    public static IReadOnlyList<string> Evaluated { get; } = [Cost, ErrorRate, Requests, Tokens, UnpricedShare];
}
