using MassTransit;
using TokenOptimizer.Contracts;

namespace TokenOptimizer.Ingestion.RecordingUsage;

/// <summary>Takes <see cref="UsageRecorded"/> messages off the bus in batches (see the definition) and ingests them.</summary>
public sealed class UsageRecordedConsumer(UsageIngestionPipeline pipeline) : IConsumer<Batch<UsageRecorded>>
{
    public const string Source = "bus";

    public Task Consume(ConsumeContext<Batch<UsageRecorded>> context) =>
        pipeline.IngestAsync(context.Message.Select(m => IncomingUsage.Parsed(m.Message)).ToList(), Source, context.CancellationToken);
}
