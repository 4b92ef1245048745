using MassTransit;

namespace TokenOptimizer.Ingestion.RecordingUsage;

/// <summary>
/// Batching for the one-message-per-record path: up to 1,000 messages or 50 ms, whichever comes first,
/// become one append. Two batches in flight keep the database busy while the next one fills.
/// </summary>
public sealed class UsageRecordedConsumerDefinition : ConsumerDefinition<UsageRecordedConsumer>
{
    private const int MessagesPerBatch = 1000;
    private const int BatchesInFlight = 2;

    public UsageRecordedConsumerDefinition()
    {
        Endpoint(endpoint =>
        {
            endpoint.PrefetchCount = MessagesPerBatch * (BatchesInFlight + 1);
            endpoint.ConcurrentMessageLimit = MessagesPerBatch * BatchesInFlight;
        });
    }

    protected override void ConfigureConsumer(
        IReceiveEndpointConfigurator endpointConfigurator,
        IConsumerConfigurator<UsageRecordedConsumer> consumerConfigurator,
        IRegistrationContext context)
    {
        consumerConfigurator.Options<BatchOptions>(batch => batch
            .SetMessageLimit(MessagesPerBatch)
            .SetTimeLimit(TimeSpan.FromMilliseconds(50))
            .SetConcurrencyLimit(BatchesInFlight));
    }
}
