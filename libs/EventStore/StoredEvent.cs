namespace TokenOptimizer.EventStore;

/// <summary>An event as read back from the log.</summary>
/// <param name="Sequence">Its position in the global order; sequence order is commit order.</param>
/// <param name="StreamId">The stream it belongs to.</param>
/// <param name="Version">Its version within the stream, starting at 1.</param>
/// <param name="Type">Its stored alias.</param>
/// <param name="Data">The deserialised payload, or null when this process does not know the alias.</param>
/// <param name="RecordedAt">When it was appended.</param>
public sealed record StoredEvent(long Sequence, string StreamId, int Version, string Type, object? Data, DateTimeOffset RecordedAt)
{
    /// <summary>Why <see cref="Data"/> is null: an unknown alias, or a payload that does not fit its type.</summary>
    public string? ReadError { get; init; }
}
