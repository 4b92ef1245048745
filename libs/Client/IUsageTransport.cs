using TokenOptimizer.Contracts;

namespace TokenOptimizer.Client;

/// <summary>
/// Delivers a batch of usage records to TokenOptimizer: over HTTP (<see cref="HttpUsageTransport"/>) or on the
/// message bus (the <c>TokenOptimizer.Client.MassTransit</c> package).
/// </summary>
public interface IUsageTransport
{
    /// <summary>
    /// Sends <paramref name="batch"/> (at most <see cref="UsageLimits.MaxBatchSize"/> records). An exception counts as
    /// <see cref="DeliveryResult.TryAgain"/>.
    /// </summary>
    Task<DeliveryResult> SendAsync(IReadOnlyList<UsageRecorded> batch, CancellationToken cancellationToken);
}
