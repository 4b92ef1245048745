using MassTransit;

namespace TokenOptimizer.Bench.IngestThroughput;

/// <summary>Publishes many messages with a bounded number awaiting their broker confirm, as a busy producer does.</summary>
internal static class Publishing
{
    private const int InFlight = 500;

    public static async Task PublishAllAsync<T>(IBus bus, IReadOnlyList<T> messages) where T : class
    {
        foreach (var chunk in messages.Chunk(InFlight))
        {
            await Task.WhenAll(chunk.Select(message => bus.Publish(message)));
        }
    }
}
