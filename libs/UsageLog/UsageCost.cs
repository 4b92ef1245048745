namespace TokenOptimizer.UsageLog;

/// <summary>
/// What one call cost, split into its parts, and the price it was computed with. An unpriced call
/// (unknown model) has <see cref="Priced"/> false and no amounts: it is never shown as $0.
/// </summary>
public sealed record UsageCost
{
    /// <summary>Whether a price was found for the model at the call's time.</summary>
    public required bool Priced { get; init; }

    /// <summary>The catalog entry the model resolved to.</summary>
    public string? CatalogKey { get; init; }

    /// <summary>The price version used, so any figure can be traced to its price.</summary>
    public string? PriceVersion { get; init; }

    /// <summary>Uncached input tokens at the input rate.</summary>
    public decimal InputUsd { get; init; }

    /// <summary>Cache reads at the cache-read rate.</summary>
    public decimal CachedInputUsd { get; init; }

    /// <summary>Cache writes at the cache-write rate.</summary>
    public decimal CacheWriteUsd { get; init; }

    /// <summary>Non-reasoning output tokens at the output rate.</summary>
    public decimal OutputUsd { get; init; }

    /// <summary>Reasoning tokens at the reasoning rate.</summary>
    public decimal ReasoningUsd { get; init; }

    /// <summary>The sum of the parts.</summary>
    public decimal TotalUsd { get; init; }

    /// <summary>Why the call is unpriced, when it is.</summary>
    public string? UnpricedReason { get; init; }
}
