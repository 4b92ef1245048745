namespace TokenOptimizer.Catalog;

/// <summary>The cost of one call in USD, by kind of token, at full decimal precision (never rounded).</summary>
public sealed record CostBreakdown
{
    /// <summary>Uncached prompt tokens.</summary>
    public decimal Input { get; init; }

    /// <summary>Prompt tokens read from the cache.</summary>
    public decimal CachedInput { get; init; }

    /// <summary>Prompt tokens written to the cache, five-minute and one-hour writes together.</summary>
    public decimal CacheWrite { get; init; }

    /// <summary>Completion tokens other than reasoning tokens.</summary>
    public decimal Output { get; init; }

    /// <summary>Reasoning tokens.</summary>
    public decimal Reasoning { get; init; }

    /// <summary>The sum of the parts.</summary>
    public decimal Total => Input + CachedInput + CacheWrite + Output + Reasoning;
}
