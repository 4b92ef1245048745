namespace TokenOptimizer.Aggregation.RunningProjections;

/// <summary>An event a projection could not apply, set aside so the projection could go on.</summary>
/// <param name="Projection">The projection.</param>
/// <param name="Sequence">The event's position in the log.</param>
/// <param name="EventType">The event's stored type, e.g. <c>usage_ingested</c>.</param>
/// <param name="Reason">Why it failed, the last time it was tried.</param>
/// <param name="FailedAt">When it last failed.</param>
public sealed record DeadLetter(string Projection, long Sequence, string EventType, string Reason, DateTimeOffset FailedAt);

/// <summary>What a replay of one projection's dead letters did.</summary>
/// <param name="Projection">The projection.</param>
/// <param name="Applied">Letters that applied this time and were removed.</param>
/// <param name="StillFailing">Letters that failed again and stay, with the new reason.</param>
public sealed record DeadLetterReplayed(string Projection, int Applied, int StillFailing);
