namespace TokenOptimizer.UsageLog;

/// <summary>
/// A compensating event: the call's cost changed because a price was added or corrected. The earlier
/// event stays as it was; readers take the newest cost and apply the difference.
/// </summary>
public sealed record UsageRepriced
{
    /// <summary>The call's request id.</summary>
    public required string RequestId { get; init; }

    /// <summary>When the call was made (copied so projections need not look it up).</summary>
    public required DateTimeOffset OccurredAt { get; init; }

    /// <summary>The cost before.</summary>
    public required UsageCost Previous { get; init; }

    /// <summary>The cost now.</summary>
    public required UsageCost Current { get; init; }

    /// <summary>Why, e.g. "custom price custom:3 for gpt-4o from 2026-06-01".</summary>
    public required string Reason { get; init; }

    /// <summary>When the re-price was recorded.</summary>
    public required DateTimeOffset RepricedAt { get; init; }
}
