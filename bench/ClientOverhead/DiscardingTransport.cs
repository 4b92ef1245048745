using TokenOptimizer.Client;
using TokenOptimizer.Contracts;

namespace TokenOptimizer.ClientOverhead;

/// <summary>Accepts every batch at once: the recorder's own cost (enqueue, batch, hand over) is measured, not a network.</summary>
internal sealed class DiscardingTransport : IUsageTransport
{
    public Task<DeliveryResult> SendAsync(IReadOnlyList<UsageRecorded> batch, CancellationToken cancellationToken) =>
        Task.FromResult(DeliveryResult.Delivered());
}
