namespace TokenOptimizer.EventStore;

/// <summary>An event a projection skipped, and why.</summary>
/// <param name="Projection">The projection's name.</param>
/// <param name="Sequence">The event's position in the log.</param>
/// <param name="Type">The event's stored alias.</param>
/// <param name="Reason">Why it was skipped.</param>
/// <param name="RecordedAt">When it was skipped.</param>
public sealed record ProjectionError(string Projection, long Sequence, string Type, string Reason, DateTimeOffset RecordedAt);
