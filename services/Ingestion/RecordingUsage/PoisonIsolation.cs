using System.Text.Json;
using Npgsql;
using TokenOptimizer.Ingestion.Quarantining;
using TokenOptimizer.ServiceDefaults;

namespace TokenOptimizer.Ingestion.RecordingUsage;

/// <summary>
/// Ingests a delivery so that one record cannot take the others with it: when the delivery fails for its content (not
/// because PostgreSQL is unreachable or broken: that is left to the caller's retries), it is halved until each failing record is
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
        catch (Exception exception) when (IsCausedByContent(exception))
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

    // The records' own fault: PostgreSQL's data, integrity and limit errors (SQLSTATE classes 22, 23, 54: a NUL, an
    // overflow, a key too long; the projection daemon judges events by the same classes) or an exception that is not the
    // database's (pricing overflowing). Any other database error, an outage or a missing table, is no record's fault: it
    // is left to the bus's retries and, if it lasts, to _error, from where it is moved back once fixed.
    private static bool IsCausedByContent(Exception exception) => exception switch
    {
        OperationCanceledException => false,
        PostgresException postgres => postgres.SqlState[..2] is "22" or "23" or "54",
        _ => exception is not NpgsqlException && !TransientFaults.IsTransient(exception),
    };

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
