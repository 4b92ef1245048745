namespace TokenOptimizer.Bench.IngestThroughput;

/// <summary>The baseline's message: the same facts as a usage record, with nothing to validate or price.</summary>
public sealed record BareUsage(string RequestId, DateTimeOffset OccurredAt, string Provider, string Model, long InputTokens, long OutputTokens, double LatencyMs);
