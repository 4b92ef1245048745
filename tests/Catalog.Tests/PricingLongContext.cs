using static TokenOptimizer.Catalog.Tests.Pricing;

namespace TokenOptimizer.Catalog.Tests;

public class PricingLongContext
{
    [Fact]
    public void PromptAbove200k_PricesEveryTokenAtTheHigherRates()
    {
        // claude-sonnet-4-5 above 200k: input 6e-06, output 2.25e-05 (base 3e-06 / 1.5e-05).
        //   200,001 × 0.000006  = 1.200006
        //     1,000 × 0.0000225 = 0.0225
        //                 total  1.222506
        var cost = PricedCost(Request("anthropic", "claude-sonnet-4-5") with { InputTokens = 200_001, OutputTokens = 1_000 });

        Assert.Equal(1.200006m, cost.Input);
        Assert.Equal(0.0225m, cost.Output);
        Assert.Equal(1.222506m, cost.Total);
    }

    [Fact]
    public void PromptOfExactly200k_UsesTheBaseRates()
    {
        //   200,000 × 0.000003 = 0.6
        //     1,000 × 0.000015 = 0.015
        //                total  0.615
        var cost = PricedCost(Request("anthropic", "claude-sonnet-4-5") with { InputTokens = 200_000, OutputTokens = 1_000 });

        Assert.Equal(0.615m, cost.Total);
    }

    [Fact]
    public void CacheTokensAbove200k_UseTheTierCacheRates()
    {
        // claude-sonnet-4-5 above 200k: cache read 6e-07, cache write 7.5e-06.
        // Prompt 200,001 = 100,001 uncached + 50,000 cached + 50,000 written.
        //   100,001 × 0.000006  = 0.600006
        //    50,000 × 0.0000006 = 0.03
        //    50,000 × 0.0000075 = 0.375
        //     1,000 × 0.0000225 = 0.0225
        //                 total  1.027506
        var cost = PricedCost(Request("anthropic", "claude-sonnet-4-5") with
        {
            InputTokens = 200_001,
            CachedInputTokens = 50_000,
            CacheWriteTokens = 50_000,
            OutputTokens = 1_000,
        });

        Assert.Equal(0.600006m, cost.Input);
        Assert.Equal(0.03m, cost.CachedInput);
        Assert.Equal(0.375m, cost.CacheWrite);
        Assert.Equal(1.027506m, cost.Total);
    }

    [Fact]
    public void CachedTokens_CountTowardsTheThreshold()
    {
        // 150,000 uncached + 50,001 cached = 200,001 prompt tokens: the tier applies.
        //   150,000 × 0.000006  = 0.9
        //    50,001 × 0.0000006 = 0.0300006
        //                 total  0.9300006
        var cost = PricedCost(Request("anthropic", "claude-sonnet-4-5") with { InputTokens = 200_001, CachedInputTokens = 50_001 });

        Assert.Equal(0.9300006m, cost.Total);
    }

    [Fact]
    public void GeminiProAbove200k_UsesItsHigherRates()
    {
        // gemini-2.5-pro above 200k: input 2.5e-06, output 1.5e-05 (base 1.25e-06 / 1e-05).
        //   200,001 × 0.0000025 = 0.5000025
        //     1,000 × 0.000015  = 0.015
        //                 total  0.5150025
        var cost = PricedCost(Request("vertex_ai", "gemini-2.5-pro") with { InputTokens = 200_001, OutputTokens = 1_000 });

        Assert.Equal(0.5150025m, cost.Total);
    }

    [Fact]
    public void PromptAbove128k_UsesThe128kTier()
    {
        // gemini-1.5-pro: base input 1.25e-06, output 5e-06; above 128k input 2.5e-06, output 1e-05.
        //   128,001 × 0.0000025 = 0.3200025     128,000 × 0.00000125 = 0.16
        //       100 × 0.00001   = 0.001             100 × 0.000005   = 0.0005
        //                total   0.3210025                     total   0.1605
        var above = PricedCost(Request("vertex_ai", "gemini-1.5-pro") with { InputTokens = 128_001, OutputTokens = 100 });
        var at = PricedCost(Request("vertex_ai", "gemini-1.5-pro") with { InputTokens = 128_000, OutputTokens = 100 });

        Assert.Equal(0.3210025m, above.Total);
        Assert.Equal(0.1605m, at.Total);
    }
}
