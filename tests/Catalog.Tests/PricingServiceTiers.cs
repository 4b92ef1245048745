using static TokenOptimizer.Catalog.Tests.Pricing;

namespace TokenOptimizer.Catalog.Tests;

public class PricingServiceTiers
{
    [Fact]
    public void Batch_UsesTheBatchRates()
    {
        // gpt-4o batches: input 1.25e-06, output 5e-06.
        //   1,000 × 0.00000125 = 0.00125
        //   1,000 × 0.000005   = 0.005
        //                total   0.00625
        var cost = PricedCost(Request("openai", "gpt-4o") with { ServiceTier = "batch", InputTokens = 1_000, OutputTokens = 1_000 });

        Assert.Equal(0.00625m, cost.Total);
    }

    [Fact]
    public void Priority_UsesThePriorityRates()
    {
        // gpt-4o priority: input 4.25e-06, cache read 2.125e-06, output 1.7e-05. Input 2,000 includes 1,000 cached.
        //   1,000 × 0.00000425  = 0.00425
        //   1,000 × 0.000002125 = 0.002125
        //   1,000 × 0.000017    = 0.017
        //                 total   0.023375
        var cost = PricedCost(Request("openai", "gpt-4o") with
        {
            ServiceTier = "priority",
            InputTokens = 2_000,
            CachedInputTokens = 1_000,
            OutputTokens = 1_000,
        });

        Assert.Equal(0.00425m, cost.Input);
        Assert.Equal(0.002125m, cost.CachedInput);
        Assert.Equal(0.017m, cost.Output);
        Assert.Equal(0.023375m, cost.Total);
    }

    [Fact]
    public void Flex_UsesTheFlexRates()
    {
        // gpt-5 flex: input 6.25e-07, output 5e-06.
        //   1,000 × 0.000000625 = 0.000625
        //   1,000 × 0.000005    = 0.005
        //                 total   0.005625
        var cost = PricedCost(Request("openai", "gpt-5") with { ServiceTier = "flex", InputTokens = 1_000, OutputTokens = 1_000 });

        Assert.Equal(0.005625m, cost.Total);
    }

    [Theory]
    [InlineData("flex")]
    [InlineData("standard")]
    [InlineData("default")]
    [InlineData(null)]
    public void TierWithoutItsOwnRates_UsesTheStandardRates(string? tier)
    {
        // gpt-4o has no flex rates: 1,000 × 0.0000025 + 1,000 × 0.00001 = 0.0125
        var cost = PricedCost(Request("openai", "gpt-4o") with { ServiceTier = tier, InputTokens = 1_000, OutputTokens = 1_000 });

        Assert.Equal(0.0125m, cost.Total);
    }

    [Fact]
    public void BatchAbove200k_UsesTheLongContextRates()
    {
        // gemini-3-pro-preview has batch rates (1e-06 / 6e-06) and above-200k rates (4e-06 / 1.8e-05) but none
        // for both at once; as in LiteLLM the long-context tier wins.
        //   200,001 × 0.000004 = 0.800004
        //     1,000 × 0.000018 = 0.018
        //                total  0.818004
        var cost = PricedCost(Request("vertex_ai", "gemini-3-pro-preview") with
        {
            ServiceTier = "batch",
            InputTokens = 200_001,
            OutputTokens = 1_000,
        });

        Assert.Equal(0.818004m, cost.Total);
    }

    [Fact]
    public void UnknownServiceTier_IsUnpriced()
    {
        var result = Price(Request("openai", "gpt-4o") with { ServiceTier = "scale", InputTokens = 1_000 });

        Assert.False(result.IsPriced);
        Assert.Equal("unknown service tier 'scale'", result.UnpricedReason);
    }
}
