namespace TokenOptimizer.Aggregation.DetectingAnomalies;

/// <summary>
/// Stored event <c>usage_anomaly_detected</c>, alone in stream <c>anomaly-&lt;metric&gt;-&lt;scope&gt;-&lt;hour&gt;</c>:
/// an hour's cost or error rate departed strongly from the same hour of the previous days.
/// </summary>
public sealed record UsageAnomalyDetected
{
    /// <summary><c>global</c> or <c>provider:&lt;name&gt;</c>.</summary>
    public required string Scope { get; init; }

    public required DateTimeOffset Hour { get; init; }

    /// <summary><c>cost_usd</c> or <c>error_rate</c>.</summary>
    public required string Metric { get; init; }

    public required double Observed { get; init; }

    public required double BaselineMedian { get; init; }

    public required double BaselineMad { get; init; }

    public required double RobustZ { get; init; }

    /// <summary>How many earlier days' same hour formed the baseline.</summary>
    public required int BaselineHours { get; init; }

    public string StreamId => $"anomaly-{Metric}-{Scope}-{Hour.UtcDateTime:yyyyMMddHH}";
}
