namespace TokenOptimizer.Contracts;

/// <summary>
/// Many <see cref="UsageRecorded"/> records in one message, for high-volume producers.
/// Each record is validated, deduplicated and stored on its own: one bad record never loses the others.
/// </summary>
public sealed record UsageBatchRecorded
{
    /// <summary>The records, at most <see cref="UsageLimits.MaxBatchSize"/>.</summary>
    public required IReadOnlyList<UsageRecorded> Records { get; init; }
}
