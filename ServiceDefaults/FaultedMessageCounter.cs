using System.Diagnostics.Metrics;
using MassTransit;

namespace TokenOptimizer.ServiceDefaults;

/// <summary>
/// Counts messages that failed for good: a consumer that still threw after every retry, or a message
/// that could not be read. MassTransit moves those to the endpoint's <c>_error</c> queue, where they
/// wait for an operator instead of being lost; this makes their number visible.
/// </summary>
public sealed class FaultedMessageCounter : IReceiveObserver, IDisposable
{
    private readonly Meter _meter = new(TelemetryExtensions.SourcePrefix + "Bus");
    private readonly Counter<long> _faulted;
    private long _total;

    public FaultedMessageCounter() => _faulted = _meter.CreateCounter<long>("bus.messages.faulted");

    /// <summary>How many messages faulted since the process started.</summary>
    public long Total => Interlocked.Read(ref _total);

    public Task ConsumeFault<T>(ConsumeContext<T> context, TimeSpan duration, string consumerType, Exception exception) where T : class =>
        Count(typeof(T).Name);

    public Task ReceiveFault(ReceiveContext context, Exception exception) => Count("unreadable");

    public Task PreReceive(ReceiveContext context) => Task.CompletedTask;

    public Task PostReceive(ReceiveContext context) => Task.CompletedTask;

    public Task PostConsume<T>(ConsumeContext<T> context, TimeSpan duration, string consumerType) where T : class => Task.CompletedTask;

    public void Dispose() => _meter.Dispose();

    private Task Count(string messageType)
    {
        Interlocked.Increment(ref _total);
        _faulted.Add(1, new KeyValuePair<string, object?>("message_type", messageType));
        return Task.CompletedTask;
    }
}
