namespace TokenOptimizer.DemoTraffic;

/// <summary>How a model behaves in the demo: its share of traffic and its latency.</summary>
/// <param name="Provider">Who serves it.</param>
/// <param name="Model">Its name as a producer reports it.</param>
/// <param name="Weight">Relative share of requests.</param>
/// <param name="MedianLatencyMs">Typical latency for an ordinary request.</param>
/// <param name="Reasons">Whether it spends reasoning tokens.</param>
/// <param name="Caches">Whether its provider offers prompt caching.</param>
public sealed record ModelProfile(string Provider, string Model, double Weight, double MedianLatencyMs, bool Reasons = false, bool Caches = false);
