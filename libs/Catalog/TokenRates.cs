namespace TokenOptimizer.Catalog;

/// <summary>
/// USD per token for each kind of token a call can bill. A <see langword="null"/> rate means the catalog
/// states none; <see cref="CostCalculator"/> then falls back as its documentation describes.
/// </summary>
public sealed record TokenRates
{
    /// <summary>USD per uncached prompt token.</summary>
    public decimal? Input { get; init; }

    /// <summary>USD per completion token that is not a reasoning token.</summary>
    public decimal? Output { get; init; }

    /// <summary>USD per prompt token read from the provider's prompt cache.</summary>
    public decimal? CacheRead { get; init; }

    /// <summary>USD per prompt token written to the provider's prompt cache (the default, 5-minute cache).</summary>
    public decimal? CacheWrite { get; init; }

    /// <summary>USD per prompt token written to the cache with a one-hour lifetime (Anthropic's longer cache), where it differs.</summary>
    public decimal? CacheWriteOneHour { get; init; }

    /// <summary>USD per reasoning (thinking) token.</summary>
    public decimal? Reasoning { get; init; }

    internal bool HasNegativeRate =>
        Input < 0 || Output < 0 || CacheRead < 0 || CacheWrite < 0 || CacheWriteOneHour < 0 || Reasoning < 0;
}
