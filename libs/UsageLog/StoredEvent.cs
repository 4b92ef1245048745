using JasperFx.Events;

namespace TokenOptimizer.UsageLog;

/// <summary>An event as the projections see it: its place in the store and its payload.</summary>
/// <param name="Sequence">Its position in the store's global sequence.</param>
/// <param name="StreamId">The stream it belongs to.</param>
/// <param name="Version">Its version within the stream, starting at 1.</param>
/// <param name="Type">Its stored alias.</param>
/// <param name="Data">The deserialised payload.</param>
/// <param name="RecordedAt">When it was appended.</param>
public sealed record StoredEvent(long Sequence, string StreamId, long Version, string Type, object Data, DateTimeOffset RecordedAt)
{
    /// <summary>The same event as Marten read it.</summary>
    public static StoredEvent From(IEvent @event)
    {
        ArgumentNullException.ThrowIfNull(@event);
        return new(@event.Sequence, @event.StreamKey ?? "", @event.Version, @event.EventTypeName, @event.Data, @event.Timestamp);
    }
}
