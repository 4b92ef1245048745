using MassTransit;
using TokenOptimizer.Contracts;

namespace TokenOptimizer.Ingestion.RecordingUsage;

/// <summary>
/// Ingests a producer's batch message; each record in it is validated and stored on its own, and one that cannot be
/// stored is quarantined alone. A message without records (or with null ones) stores nothing for them. One over <see cref="UsageLimits.MaxBatchSize"/>
/// is stored in chunks of that size rather than refused: on the bus no one would hear a refusal, and every record in
/// it may be good.
/// </summary>
public sealed class UsageBatchRecordedConsumer(PoisonIsolation ingestion) : IConsumer<UsageBatchRecorded>
{
    public async Task Consume(ConsumeContext<UsageBatchRecorded> context)
    {
        foreach (var chunk in (context.Message.Records ?? []).OfType<UsageRecorded>().Chunk(UsageLimits.MaxBatchSize))
        {
            await ingestion.IngestAsync(chunk.Select(IncomingUsage.Parsed).ToList(), UsageRecordedConsumer.Source, context.CancellationToken);
        }
    }
}
