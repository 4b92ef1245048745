using System.Text.Json;
using TokenOptimizer.Ingestion.Quarantining;
using TokenOptimizer.ServiceDefaults;

namespace TokenOptimizer.Ingestion.RecordingUsage;

/// <summary>
/// Ingests a delivery so that one record cannot take the others with it: when the delivery fails for its content (not
/// because PostgreSQL is unreachable: that is left to the caller's retries), it is halved until each failing record is
/// alone, the rest are stored, and each failing record is quarantined with the reason it could not be stored. A batch
/// of 1,000 with one such record costs about 2·log₂(1,000) ≈ 20 extra attempts, not 1,000.
/// </summary>
public sealed class PoisonIsolation(UsageIngestionPipeline pipeline, Quarantine quarantine)
{
    public async Task<IngestionResult> IngestAsync(IReadOnlyList<IncomingUsage> deliveries, string source, CancellationToken cancellationToken)
    {
        try
        {
            return await pipeline.IngestAsync(deliveries, source, cancellationToken);
        }
        catch (Exception exception) when (exception is not OperationCanceledException && !TransientFaults.IsTransient(exception))
        {
            if (deliveries.Count == 1)
            {
                return await QuarantineAsync(deliveries[0], source, exception, cancellationToken);
            }

            var half = deliveries.Count / 2;
            var first = await IngestAsync(deliveries.Take(half).ToList(), source, cancellationToken);
            var second = await IngestAsync(deliveries.Skip(half).ToList(), source, cancellationToken);
            return new IngestionResult(
                first.Accepted + second.Accepted, first.Duplicates + second.Duplicates, first.Rejected + second.Rejected, first.Unpriced + second.Unpriced,
                [.. first.Rejections, .. second.Rejections.Select(r => r with { Index = r.Index + half })]);
        }
    }

    private async Task<IngestionResult> QuarantineAsync(IncomingUsage delivery, string source, Exception exception, CancellationToken cancellationToken)
    {
        var requestId = delivery.Record?.RequestId;
        var errors = new Dictionary<string, string[]> { ["record"] = [$"could not be stored: {exception.Message}"] };
        // The snapshot as a JSON string rather than an object: what could not be stored (a NUL in a string, say) is
        // escaped in it, so the quarantine keeps the record as it came. PostgreSQL text holds anything but NUL.
        var snapshot = JsonSerializer.Serialize(delivery.Snapshot);
        await quarantine.KeepAsync([new QuarantinedRecord(source, requestId?.Replace('\0', '\uFFFD'), snapshot, errors)], cancellationToken);
        return new IngestionResult(0, 0, 1, 0, [new UsageRejection(0, requestId, errors)]);
    }
}
