namespace TokenOptimizer.Query.GettingLatency;

/// <summary>
/// Latency percentiles (ms) of one value of the split, from merged sketches: each within 1% of the exact value of
/// rank ⌊q·(n−1)⌋. Time to first token covers streamed calls only, so it is null when there were none.
/// </summary>
public sealed record LatencyProfile
{
    public required string Key { get; init; }

    public required long Requests { get; init; }

    public double? P50Ms { get; init; }

    public double? P95Ms { get; init; }

    public double? P99Ms { get; init; }

    public double? P999Ms { get; init; }

    public double? TtftP50Ms { get; init; }

    public double? TtftP95Ms { get; init; }

    public double? TtftP99Ms { get; init; }
}
