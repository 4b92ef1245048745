using MassTransit;
using TokenOptimizer.Contracts;

namespace TokenOptimizer.Client.MassTransit;

/// <summary>
/// Publishes each batch as one <see cref="UsageBatchRecorded"/> message, which Ingestion consumes record by record.
/// Invalid records are quarantined by Ingestion; the bus does not tell the sender, so none count as rejected here.
/// A failed publish is retried by the recorder like any passing failure.
/// </summary>
public sealed class BusUsageTransport(IPublishEndpoint publishEndpoint) : IUsageTransport
{
    /// <inheritdoc />
    public async Task<DeliveryResult> SendAsync(IReadOnlyList<UsageRecorded> batch, CancellationToken cancellationToken)
    {
        await publishEndpoint.Publish(new UsageBatchRecorded { Records = [.. batch] }, cancellationToken).ConfigureAwait(false);
        return DeliveryResult.Delivered();
    }
}
