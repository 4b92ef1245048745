using MassTransit;
using TokenOptimizer.Contracts;

namespace TokenOptimizer.Ingestion.RecordingUsage;

/// <summary>
/// Takes <see cref="UsageRecorded"/> messages off the bus in batches (see the definition) and ingests them; a message that
/// cannot be stored is quarantined alone while its batch-mates are stored.
/// </summary>
public sealed class UsageRecordedConsumer(PoisonIsolation ingestion) : IConsumer<Batch<UsageRecorded>>
{
    public const string Source = "bus";

    public Task Consume(ConsumeContext<Batch<UsageRecorded>> context) =>
        ingestion.IngestAsync(context.Message.Select(m => IncomingUsage.Parsed(m.Message)).ToList(), Source, context.CancellationToken);
}
