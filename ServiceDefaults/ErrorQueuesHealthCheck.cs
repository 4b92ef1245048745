using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace TokenOptimizer.ServiceDefaults;

/// <summary>
/// <c>/health</c> says Degraded while any message waits in an <c>_error</c> queue: its records are not stored until
/// an admin moves it back (the service's faulted-messages endpoint, or <c>tokenopt faulted redeliver</c>).
/// </summary>
internal sealed class ErrorQueuesHealthCheck(ErrorQueues queues) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        IReadOnlyList<ErrorQueueCount> counts;
        try
        {
            counts = await queues.CountAsync(cancellationToken);
        }
        catch (Exception exception) when (TransientFaults.IsTransient(exception) || exception is RabbitMQ.Client.Exceptions.RabbitMQClientException or IOException)
        {
            return HealthCheckResult.Degraded("Cannot count the messages in the _error queues: RabbitMQ does not answer.", exception);
        }

        var parked = counts.Where(c => c.Messages > 0).ToList();
        return parked.Count == 0
            ? HealthCheckResult.Healthy()
            : HealthCheckResult.Degraded(
                $"Messages parked after failing, not stored until moved back: {string.Join(", ", parked.Select(c => $"{c.ErrorQueue} {c.Messages}"))}.");
    }
}
