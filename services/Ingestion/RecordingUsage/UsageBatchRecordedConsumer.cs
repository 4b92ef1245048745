using MassTransit;
using TokenOptimizer.Contracts;

namespace TokenOptimizer.Ingestion.RecordingUsage;

/// <summary>Ingests a producer's batch message; each record in it is validated and stored on its own.</summary>
public sealed class UsageBatchRecordedConsumer(UsageIngestionPipeline pipeline) : IConsumer<UsageBatchRecorded>
{
    public Task Consume(ConsumeContext<UsageBatchRecorded> context) =>
        pipeline.IngestAsync(context.Message.Records.Select(IncomingUsage.Parsed).ToList(), UsageRecordedConsumer.Source, context.CancellationToken);
}
