using FluentValidation;
using TokenOptimizer.Contracts;
using TokenOptimizer.EventStore;
using TokenOptimizer.Ingestion.PricingModels;
using TokenOptimizer.Ingestion.Quarantining;
using TokenOptimizer.UsageLog;

namespace TokenOptimizer.Ingestion.RecordingUsage;

/// <summary>
/// The one path every usage record takes, from HTTP or the bus: validate, quarantine the invalid,
/// normalise and price the valid, and append them to the log in one idempotent batch.
/// </summary>
public sealed class UsageIngestionPipeline(
    EventLog log,
    IValidator<UsageRecorded> validator,
    UsagePricer pricer,
    Quarantine quarantine,
    IngestionMetrics metrics,
    TimeProvider clock)
{
    private const string DefaultFeature = "default";

    public async Task<IngestionResult> IngestAsync(IReadOnlyList<IncomingUsage> deliveries, string source, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var streams = new List<NewStream>(deliveries.Count);
        var unpriced = new Dictionary<string, (string Provider, string Model, DateTimeOffset OccurredAt)>(StringComparer.Ordinal);
        var inBatch = new HashSet<string>(StringComparer.Ordinal);
        var rejections = new List<UsageRejection>();
        var quarantined = new List<QuarantinedRecord>();

        for (var index = 0; index < deliveries.Count; index++)
        {
            var delivery = deliveries[index];
            var errors = delivery.ParseErrors ?? Validate(delivery.Record!);
            if (errors is not null)
            {
                var requestId = delivery.Record?.RequestId;
                rejections.Add(new UsageRejection(index, requestId, errors));
                quarantined.Add(new QuarantinedRecord(source, requestId, delivery.Snapshot, errors));
                continue;
            }

            var record = Normalise(delivery.Record!);
            var streamId = UsageStreams.For(record);
            var cost = pricer.Price(record);
            // A request id repeated in the batch is stored once (its first record), so only that one may count as unpriced.
            if (inBatch.Add(streamId) && !cost.Priced)
            {
                unpriced[streamId] = (record.Provider, record.Model, record.OccurredAt);
            }

            streams.Add(new NewStream(
                streamId,
                new UsageIngested { Usage = record, Cost = cost, IngestedAt = now, Source = source }));
        }

        // Quarantine first: if the append then fails, the delivery is retried and the rejects are kept again
        // rather than lost; duplicates in quarantine are harmless, a lost reject is not.
        await quarantine.KeepAsync(quarantined, cancellationToken);
        var (started, startedUnpriced) = await AppendAsync(streams, unpriced, cancellationToken);

        var result = new IngestionResult(
            Accepted: started.Count,
            Duplicates: streams.Count - started.Count,
            Rejected: rejections.Count,
            Unpriced: startedUnpriced.Count,
            Rejections: rejections);
        metrics.Record(result, source);
        metrics.RecordStored(streams.Where(s => started.Contains(s.StreamId)).Select(s => (UsageIngested)s.FirstEvent), source);
        return result;
    }

    // The unpriced count commits with the events it counts, or neither does: a retried delivery counts them once.
    private async Task<(IReadOnlySet<string> Started, List<(string Provider, string Model, DateTimeOffset OccurredAt)> Unpriced)> AppendAsync(
        List<NewStream> streams, Dictionary<string, (string Provider, string Model, DateTimeOffset OccurredAt)> unpriced, CancellationToken cancellationToken)
    {
        if (streams.Count == 0)
        {
            return (new HashSet<string>(), []);
        }

        await using var connection = await log.DataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var started = await log.StartStreamsAsync(streams, connection, transaction, cancellationToken);
        var startedUnpriced = unpriced.Where(u => started.Contains(u.Key)).Select(u => u.Value).ToList();
        await UnpricedModels.CountAsync(startedUnpriced, connection, transaction, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return (started, startedUnpriced);
    }

    private Dictionary<string, string[]>? Validate(UsageRecorded record)
    {
        var validation = validator.Validate(record);
        return validation.IsValid ? null : TokenOptimizer.Access.Http.WireNames.ErrorsOf(validation.Errors);
    }

    private static UsageRecorded Normalise(UsageRecorded record) => record with
    {
        Feature = string.IsNullOrWhiteSpace(record.Feature) ? DefaultFeature : record.Feature,
        ServiceTier = record.ServiceTier ?? ServiceTiers.Standard,
        ErrorType = record.Outcome == Outcomes.Failed ? record.ErrorType ?? ErrorTypes.Other : record.ErrorType,
        ReportedCostUsd = WithoutTrailingZeros(record.ReportedCostUsd),
        BilledAmountUsd = WithoutTrailingZeros(record.BilledAmountUsd),
    };

    // 1.5 sent as 1.500000000000000000 is the same amount, but its 18 places would be kept by every sum of it: rollup
    // totals could then outgrow decimal's 28 digits when read back. Dividing by this one gives the fewest places.
    private static decimal? WithoutTrailingZeros(decimal? amount) => amount / 1.0000000000000000000000000000m;
}
