namespace TokenOptimizer.Query.GettingErrors;

/// <summary>
/// Failures of one error type, provider or model in the slice, against the calls they are a share of (every call
/// for an error type; the provider's or model's calls otherwise), with the change against the equal period before.
/// </summary>
public sealed record FailureGroup
{
    public required string Key { get; init; }

    public required long Failures { get; init; }

    public required long Requests { get; init; }

    /// <summary>Failures / requests, 0–1.</summary>
    public required double ErrorRate { get; init; }

    public required long PreviousFailures { get; init; }

    /// <summary>Change in failures against the equal period before, in percent; null when there were none then.</summary>
    public decimal? TrendPercent { get; init; }
}
