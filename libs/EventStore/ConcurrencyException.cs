namespace TokenOptimizer.EventStore;

/// <summary>The stream was not at the version the append expected: someone else appended first.</summary>
public sealed class ConcurrencyException(string streamId, int expectedVersion, int actualVersion)
    : Exception($"Stream '{streamId}' is at version {actualVersion}, not the expected {expectedVersion}.")
{
    /// <summary>The stream appended to.</summary>
    public string StreamId { get; } = streamId;

    /// <summary>The version the caller expected.</summary>
    public int ExpectedVersion { get; } = expectedVersion;

    /// <summary>The version the stream had.</summary>
    public int ActualVersion { get; } = actualVersion;
}
