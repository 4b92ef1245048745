using TokenOptimizer.ReadModels;

namespace TokenOptimizer.Query.GettingTimeSeries;

/// <summary>
/// One bucket of a time series (for one value of the split, when split). An edge bucket only partly inside the
/// range holds that part only, and its throughput is over that part.
/// </summary>
public sealed record TimeSeriesPoint
{
    public required DateTimeOffset BucketStart { get; init; }

    /// <summary>The split dimension's value; null when the series is not split.</summary>
    public string? Key { get; init; }

    public required decimal CostUsd { get; init; }

    public required long Requests { get; init; }

    public required long Failures { get; init; }

    public required long InputTokens { get; init; }

    public required long OutputTokens { get; init; }

    public double? P50LatencyMs { get; init; }

    public double? P95LatencyMs { get; init; }

    public double? P99LatencyMs { get; init; }

    /// <summary>Requests per second of the bucket's time inside the range.</summary>
    public required double RequestsPerSecond { get; init; }

    /// <summary>What customers were billed for the bucket's calls, and the margin.</summary>
    public required RevenueSums Revenue { get; init; }
}
