namespace TokenOptimizer.Ingestion.RecordingUsage;

/// <summary>What became of a delivery of usage records.</summary>
/// <param name="Accepted">Stored now.</param>
/// <param name="Duplicates">Valid, but their request id was already stored (or repeated in the delivery).</param>
/// <param name="Rejected">Invalid: kept in quarantine with their reasons.</param>
/// <param name="Unpriced">Of the accepted, how many name a model without a price (stored, listed for an admin).</param>
/// <param name="Rejections">The reasons, one per rejected record.</param>
public sealed record IngestionResult(int Accepted, int Duplicates, int Rejected, int Unpriced, IReadOnlyList<UsageRejection> Rejections);
