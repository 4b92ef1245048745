using TokenOptimizer.Contracts;

namespace TokenOptimizer.UsageLog;

/// <summary>
/// A usage record was accepted and priced: the first event of its usage stream.
/// <see cref="Usage"/> is the record as accepted, with defaults filled in (feature, service tier).
/// </summary>
public sealed record UsageIngested
{
    /// <summary>The record, normalised.</summary>
    public required UsageRecorded Usage { get; init; }

    /// <summary>Its cost at the price in effect at <see cref="UsageRecorded.OccurredAt"/>.</summary>
    public required UsageCost Cost { get; init; }

    /// <summary>When ingestion accepted it.</summary>
    public required DateTimeOffset IngestedAt { get; init; }

    /// <summary>How it arrived: <c>http</c> or <c>bus</c>.</summary>
    public required string Source { get; init; }
}
