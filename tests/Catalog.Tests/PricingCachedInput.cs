using static TokenOptimizer.Catalog.Tests.Pricing;

namespace TokenOptimizer.Catalog.Tests;

public class PricingCachedInput
{
    [Fact]
    public void CachedReads_ArePricedAtCacheReadRate()
    {
        // gpt-4o: input 2.5e-06, cache read 1.25e-06, output 1e-05. Input 10,000 includes 4,000 cached.
        //   6,000 × 0.0000025  = 0.015
        //   4,000 × 0.00000125 = 0.005
        //   1,000 × 0.00001    = 0.01
        //                  total 0.03
        var cost = PricedCost(Request("openai", "gpt-4o") with
        {
            InputTokens = 10_000,
            CachedInputTokens = 4_000,
            OutputTokens = 1_000,
        });

        Assert.Equal(0.015m, cost.Input);
        Assert.Equal(0.005m, cost.CachedInput);
        Assert.Equal(0.01m, cost.Output);
        Assert.Equal(0.03m, cost.Total);
    }

    [Fact]
    public void CacheWrites_ArePricedAtCacheWriteRate()
    {
        // claude-sonnet-4-20250514: input 3e-06, cache read 3e-07, cache write 3.75e-06, output 1.5e-05.
        // Input 10,000 = 2,000 uncached + 5,000 read from cache + 3,000 written to it.
        //   2,000 × 0.000003    = 0.006
        //   5,000 × 0.0000003   = 0.0015
        //   3,000 × 0.00000375  = 0.01125
        //   1,000 × 0.000015    = 0.015
        //                   total 0.03375
        var cost = PricedCost(Request("anthropic", "claude-sonnet-4-20250514") with
        {
            InputTokens = 10_000,
            CachedInputTokens = 5_000,
            CacheWriteTokens = 3_000,
            OutputTokens = 1_000,
        });

        Assert.Equal(0.006m, cost.Input);
        Assert.Equal(0.0015m, cost.CachedInput);
        Assert.Equal(0.01125m, cost.CacheWrite);
        Assert.Equal(0.015m, cost.Output);
        Assert.Equal(0.03375m, cost.Total);
    }

    [Fact]
    public void CacheWrites_WithoutACacheWriteRate_ArePricedAtInputRate()
    {
        // gpt-4o has no cache_creation rate: 1,000 written × 0.0000025 = 0.0025
        var cost = PricedCost(Request("openai", "gpt-4o") with { InputTokens = 1_000, CacheWriteTokens = 1_000 });

        Assert.Equal(0m, cost.Input);
        Assert.Equal(0.0025m, cost.CacheWrite);
    }

    [Fact]
    public void CachedReads_WithoutACacheReadRate_ArePricedAtInputRate()
    {
        // xai/grok-4 has no cache-read rate: 1,000 cached × 0.000003 = 0.003
        var cost = PricedCost(Request("xai", "grok-4") with { InputTokens = 1_000, CachedInputTokens = 1_000 });

        Assert.Equal(0.003m, cost.CachedInput);
        Assert.Equal(0.003m, cost.Total);
    }
}
