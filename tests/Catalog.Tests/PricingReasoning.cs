using static TokenOptimizer.Catalog.Tests.Pricing;

namespace TokenOptimizer.Catalog.Tests;

public class PricingReasoning
{
    [Fact]
    public void ReasoningTokens_WithTheirOwnRate_ArePricedAtIt()
    {
        // gemini-2.5-flash-preview-04-17: input 1.5e-07, output 6e-07, reasoning 3.5e-06.
        // Output 1,000 includes 600 reasoning tokens.
        //   1,000 × 0.00000015 = 0.00015
        //     400 × 0.0000006  = 0.00024
        //     600 × 0.0000035  = 0.0021
        //                  total 0.00249
        var cost = PricedCost(Request("gemini", "gemini-2.5-flash-preview-04-17") with
        {
            InputTokens = 1_000,
            OutputTokens = 1_000,
            ReasoningTokens = 600,
        });

        Assert.Equal(0.00015m, cost.Input);
        Assert.Equal(0.00024m, cost.Output);
        Assert.Equal(0.0021m, cost.Reasoning);
        Assert.Equal(0.00249m, cost.Total);
    }

    [Fact]
    public void ReasoningTokens_WithoutTheirOwnRate_ArePricedAtOutputRate()
    {
        // o3-mini: input 1.1e-06, output 4.4e-06, no reasoning rate. Output 2,000 includes 1,500 reasoning.
        //   1,000 × 0.0000011 = 0.0011
        //     500 × 0.0000044 = 0.0022
        //   1,500 × 0.0000044 = 0.0066
        //                 total 0.0099
        var cost = PricedCost(Request("openai", "o3-mini") with
        {
            InputTokens = 1_000,
            OutputTokens = 2_000,
            ReasoningTokens = 1_500,
        });

        Assert.Equal(0.0022m, cost.Output);
        Assert.Equal(0.0066m, cost.Reasoning);
        Assert.Equal(0.0099m, cost.Total);
    }

    [Fact]
    public void ReasoningTokens_AreNotCountedTwice()
    {
        // Same call with and without a reasoning split costs the same when the rates are equal.
        var split = PricedCost(Request("openai", "o3-mini") with { OutputTokens = 2_000, ReasoningTokens = 1_500 });
        var whole = PricedCost(Request("openai", "o3-mini") with { OutputTokens = 2_000 });

        Assert.Equal(whole.Total, split.Total);
    }
}
