namespace TokenOptimizer.UsageLog;

/// <summary>
/// USD per token for each kind of token, as stored with a <see cref="ModelPriceSet"/>. A <see langword="null"/>
/// rate is one the administrator did not state: a cache rate then falls back to the input rate and a
/// reasoning rate to the output rate; in a tier (batch, above 200k) the standard rate applies.
/// </summary>
public sealed record PerTokenRates
{
    /// <summary>USD per uncached prompt token.</summary>
    public decimal? InputUsd { get; init; }

    /// <summary>USD per completion token that is not a reasoning token.</summary>
    public decimal? OutputUsd { get; init; }

    /// <summary>USD per prompt token read from the provider's cache.</summary>
    public decimal? CachedInputUsd { get; init; }

    /// <summary>USD per prompt token written to the provider's cache.</summary>
    public decimal? CacheWriteUsd { get; init; }

    /// <summary>USD per prompt token written to the cache with a one-hour lifetime, where it differs (imported catalogs state it).</summary>
    public decimal? CacheWriteOneHourUsd { get; init; }

    /// <summary>USD per reasoning token.</summary>
    public decimal? ReasoningUsd { get; init; }
}
