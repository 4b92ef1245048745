namespace TokenOptimizer.UsageLog;

/// <summary>The stream was not at the version the append expected: someone else appended first.</summary>
public sealed class StreamVersionConflictException(string streamId, long expectedVersion, Exception innerException)
    : Exception($"Stream '{streamId}' is no longer at version {expectedVersion}: another append came first.", innerException)
{
    /// <summary>The stream appended to.</summary>
    public string StreamId { get; } = streamId;

    /// <summary>The version the caller expected.</summary>
    public long ExpectedVersion { get; } = expectedVersion;
}
