namespace TokenOptimizer.Query.CheckingDataHealth;

/// <summary>Whether every accepted record is in the figures: the projections' dead letters and lag, and the bus's parked messages.</summary>
public sealed record DataHealth(int DeadLetters, IReadOnlyList<ProjectionStatus> Projections, long? FaultedMessages);

/// <summary>One projection as Aggregation reports it (<c>GET /v1/projections</c>).</summary>
public sealed record ProjectionStatus(string Name, long Checkpoint, long Lag, int DeadLetters, IReadOnlyList<DeadLetterInfo> Letters);

/// <summary>An event a projection set aside.</summary>
public sealed record DeadLetterInfo(long Sequence, string EventType, string Reason, DateTimeOffset FailedAt);

/// <summary>What replaying one projection's dead letters did.</summary>
public sealed record DeadLetterReplay(string Projection, int Applied, int StillFailing);

/// <summary>A rebuild of every read model from the first event, and the position it reached.</summary>
public sealed record ProjectionRebuild(string Projection, long Checkpoint);
