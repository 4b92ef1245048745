using MassTransit;
using TokenOptimizer.Contracts;

namespace TokenOptimizer.Ingestion.RecordingUsage;

/// <summary>Ingests a producer's batch message; each record in it is validated and stored on its own, and one that cannot be stored is quarantined alone.</summary>
public sealed class UsageBatchRecordedConsumer(PoisonIsolation ingestion) : IConsumer<UsageBatchRecorded>
{
    public Task Consume(ConsumeContext<UsageBatchRecorded> context) =>
        ingestion.IngestAsync(context.Message.Records.Select(IncomingUsage.Parsed).ToList(), UsageRecordedConsumer.Source, context.CancellationToken);
}
