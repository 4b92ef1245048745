using static TokenOptimizer.Catalog.Tests.Pricing;

namespace TokenOptimizer.Catalog.Tests;

public class PricingThroughGateways
{
    [Fact]
    public void GatewayInFrontOfAProvider_IsPricedAtTheProvidersRates()
    {
        // OpenRouter has no claude-sonnet-4-5 (only claude-sonnet-4.5): Anthropic's rates apply, input 3e-06, output 1.5e-05.
        //   10,000 × 0.000003 = 0.03
        //    1,000 × 0.000015 = 0.015
        //                total  0.045
        var result = Price(Request("openrouter", "openrouter/anthropic/claude-sonnet-4-5") with { InputTokens = 10_000, OutputTokens = 1_000 });

        Assert.Equal("claude-sonnet-4-5", result.CatalogKey);
        Assert.Equal(0.045m, result.Cost!.Total);
    }

    [Fact]
    public void ThreeStackedPrefixes_ArePricedAtTheProvidersRates()
    {
        // gpt-4o-2024-08-06: input 2.5e-06, output 1e-05.
        //   10,000 × 0.0000025 = 0.025
        //    1,000 × 0.00001   = 0.01
        //                 total  0.035
        var result = Price(Request("portkey", "portkey/litellm_proxy/openai/gpt-4o-2024-08-06") with { InputTokens = 10_000, OutputTokens = 1_000 });

        Assert.Equal("gpt-4o-2024-08-06", result.CatalogKey);
        Assert.Equal(0.035m, result.Cost!.Total);
    }
}
