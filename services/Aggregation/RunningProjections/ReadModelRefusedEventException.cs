using JasperFx.Events;
using JasperFx.Events.Daemon;

namespace TokenOptimizer.Aggregation.RunningProjections;

/// <summary>
/// A read model could not apply an event for what it holds. An <see cref="ApplyEventException"/>, so Marten's daemon
/// dead-letters the event and goes on; its message (which Marten keeps with the dead letter) names the read model first.
/// </summary>
public sealed class ReadModelRefusedEventException(string readModel, IEvent @event, Exception innerException) : ApplyEventException(@event, innerException)
{
    /// <summary>The read model's public name.</summary>
    public string ReadModel { get; } = readModel;

    public override string Message => $"{ReadModel}: {InnerException?.Message}";
}
