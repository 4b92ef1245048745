namespace TokenOptimizer.ReadModels;

/// <summary>
/// An hour whose cost or error rate departed strongly from the same hour of the days before, judged globally or for
/// one provider. <see cref="Score"/> is the modified z-score 0.6745 × (observed − median) / MAD; anomalous from ±3.5.
/// </summary>
public sealed record Anomaly(
    DateTimeOffset Hour, string Scope, string? Provider, string Metric, double Observed, double BaselineMedian, double BaselineMad, double Score, int BaselineHours);
