namespace TokenOptimizer.EventStore;

/// <summary>A stream to start with its first event, for <see cref="EventLog.StartStreamsAsync(IReadOnlyList{NewStream}, CancellationToken)"/>.</summary>
public sealed record NewStream(string StreamId, object FirstEvent);
