using TokenOptimizer.Contracts;

namespace TokenOptimizer.Ingestion.RecordingUsage;

/// <summary>
/// One record as it arrived: parsed, or not parseable with the reasons why. <see cref="Snapshot"/> is
/// what the quarantine keeps if the record is rejected: only the contract's own fields, so nothing a
/// producer added (a prompt, say) is ever stored.
/// </summary>
public sealed record IncomingUsage(UsageRecorded? Record, IReadOnlyDictionary<string, string[]>? ParseErrors, string? UnparsedSnapshot = null)
{
    /// <summary>The record's contract fields as JSON; computed only for a rejected record, off the hot path.</summary>
    public string Snapshot => UnparsedSnapshot ?? (Record is null ? "{}" : UsageJson.Snapshot(Record));

    public static IncomingUsage Parsed(UsageRecorded record) => new(record, null);
}
