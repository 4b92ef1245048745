using TokenOptimizer.Catalog;

namespace TokenOptimizer.ReadModels;

/// <summary>
/// How one feature used one model of one provider over the window: what a recommendation is computed from.
/// Costs are what the calls were priced at when ingested; unpriced calls are counted apart and cost nothing here.
/// </summary>
public sealed record UsageProfile
{
    public required string Feature { get; init; }

    public required string Provider { get; init; }

    public required string Model { get; init; }

    public required long Requests { get; init; }

    public required long Failures { get; init; }

    public required long UnpricedRequests { get; init; }

    public required decimal CostUsd { get; init; }

    public required decimal FailedCostUsd { get; init; }

    /// <summary>The mean and standard deviation of a priced call's cost: the confidence of a saving rests on them.</summary>
    public required decimal MeanCostUsd { get; init; }

    public required decimal CostStdDevUsd { get; init; }

    public required long P99InputTokens { get; init; }

    public required long P99OutputTokens { get; init; }

    public required double AverageInputTokens { get; init; }

    public required long StreamingRequests { get; init; }

    /// <summary>The capabilities any call stated it needed.</summary>
    public required ModelCapabilities StatedCapabilities { get; init; }

    /// <summary>Calls that stated nothing about capabilities.</summary>
    public required long UnstatedCapabilityRequests { get; init; }

    /// <summary>Requests per hour of the (UTC) day, 24 entries.</summary>
    public required IReadOnlyList<long> RequestsByHour { get; init; }

    public required IReadOnlyList<TokenMix> Mixes { get; init; }

    public long InputTokens => Mixes.Sum(m => m.InputTokens);

    public long CachedInputTokens => Mixes.Sum(m => m.CachedInputTokens);

    public long CacheWriteTokens => Mixes.Sum(m => m.CacheWriteTokens);

    public double ErrorRate => Requests == 0 ? 0 : (double)Failures / Requests;
}
