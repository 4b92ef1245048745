namespace TokenOptimizer.Aggregation.TrackingProviderHealth;

/// <summary>One call's outcome as the provider's grain needs it: when, whether the provider caused a failure, and the event's sequence.</summary>
public sealed record ProviderOutcome(long Sequence, DateTimeOffset At, bool ProviderFailure);
