using System.Collections.Concurrent;
using MassTransit;

namespace TokenOptimizer.Aggregation.IntegrationTests;

/// <summary>Receives one message type on a temporary endpoint of the host's bus.</summary>
internal sealed class MessageCollector<T> where T : class
{
    public ConcurrentQueue<T> Received { get; } = new();

    public static async Task<MessageCollector<T>> ConnectAsync(IBus bus, string queue)
    {
        var collector = new MessageCollector<T>();
        var handle = bus.ConnectReceiveEndpoint(queue, endpoint => endpoint.Handler<T>(context =>
        {
            collector.Received.Enqueue(context.Message);
            return Task.CompletedTask;
        }));
        await handle.Ready;
        return collector;
    }
}
