using static TokenOptimizer.Catalog.Tests.Pricing;

namespace TokenOptimizer.Catalog.Tests;

public class PricingPlainCalls
{
    [Fact]
    public void InputAndOutput_ArePricedAtTheBaseRates()
    {
        // gpt-4o: input 2.5e-06, output 1e-05
        //   1,000 × 0.0000025 = 0.0025
        //     500 × 0.00001   = 0.005
        //                 total 0.0075
        var result = Price(Request("openai", "gpt-4o") with { InputTokens = 1_000, OutputTokens = 500 });

        Assert.True(result.IsPriced);
        Assert.Equal("gpt-4o", result.CatalogKey);
        Assert.Equal("litellm@0435375b:gpt-4o", result.PriceVersion);
        Assert.Equal(0.0025m, result.Cost.Input);
        Assert.Equal(0.005m, result.Cost.Output);
        Assert.Equal(0m, result.Cost.CachedInput + result.Cost.CacheWrite + result.Cost.Reasoning);
        Assert.Equal(0.0075m, result.Cost.Total);
    }

    [Fact]
    public void TinyCosts_AreNotRounded()
    {
        // gpt-4o-mini: input 1.5e-07; one token costs exactly 0.00000015
        var cost = PricedCost(Request("openai", "gpt-4o-mini") with { InputTokens = 1 });

        Assert.Equal(0.00000015m, cost.Total);
    }

    [Fact]
    public void LargeCounts_KeepFullPrecision()
    {
        // gpt-4o-mini: 123,456,789 × 0.00000015 = 18.51851835
        var cost = PricedCost(Request("openai", "gpt-4o-mini") with { InputTokens = 123_456_789 });

        Assert.Equal(18.51851835m, cost.Total);
    }

    [Fact]
    public void NoTokens_CostNothingButArePriced()
    {
        var result = Price(Request("openai", "gpt-4o"));

        Assert.True(result.IsPriced);
        Assert.Equal(0m, result.Cost.Total);
    }
}
