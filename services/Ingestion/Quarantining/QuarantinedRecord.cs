namespace TokenOptimizer.Ingestion.Quarantining;

/// <summary>A rejected record as kept: where it came from, its contract fields, and every reason.</summary>
public sealed record QuarantinedRecord(
    string Source,
    string? RequestId,
    string RecordJson,
    IReadOnlyDictionary<string, string[]> Reasons,
    DateTimeOffset? ReceivedAt = null);
