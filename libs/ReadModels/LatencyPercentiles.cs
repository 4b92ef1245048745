namespace TokenOptimizer.ReadModels;

/// <summary>Percentiles (ms) of one merged sketch; null when it holds no value.</summary>
public sealed record LatencyPercentiles(long Count, double? P50, double? P95, double? P99, double? P999)
{
    public static LatencyPercentiles Of(LatencySketch sketch) =>
        new(sketch.Count, sketch.Quantile(0.50), sketch.Quantile(0.95), sketch.Quantile(0.99), sketch.Quantile(0.999));
}

/// <summary>Latency and time-to-first-token percentiles of one provider and model over a time range.</summary>
public sealed record ModelLatency(string Provider, string Model, LatencyPercentiles Latency, LatencyPercentiles TimeToFirstToken);
