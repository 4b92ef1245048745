using MassTransit;

namespace TokenOptimizer.Ingestion.RecordingUsage;

/// <summary>A few producer batches in flight at once; each is already up to 1,000 records.</summary>
public sealed class UsageBatchRecordedConsumerDefinition : ConsumerDefinition<UsageBatchRecordedConsumer>
{
    public UsageBatchRecordedConsumerDefinition()
    {
        Endpoint(endpoint =>
        {
            endpoint.PrefetchCount = 8;
            endpoint.ConcurrentMessageLimit = 4;
        });
    }
}
