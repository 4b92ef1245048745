namespace TokenOptimizer.Ingestion.RecordingUsage;

/// <summary>Why one record of a delivery was refused: every failing field with its messages.</summary>
/// <param name="Index">Its position in the delivery, from 0.</param>
/// <param name="RequestId">Its request id, when it had one.</param>
/// <param name="Errors">Field name (as on the wire) → messages.</param>
public sealed record UsageRejection(int Index, string? RequestId, IReadOnlyDictionary<string, string[]> Errors);
