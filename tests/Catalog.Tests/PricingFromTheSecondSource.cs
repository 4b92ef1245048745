using static TokenOptimizer.Catalog.Tests.Pricing;

namespace TokenOptimizer.Catalog.Tests;

/// <summary>Langfuse's default prices fill in the models LiteLLM's list lacks; where both price a model, LiteLLM's wins.</summary>
public class PricingFromTheSecondSource
{
    [Fact]
    public void ModelOnlyLangfusePrices_IsPricedAtItsRates()
    {
        // claude-opus-5 (Langfuse only): input 5e-06, cache read 5e-07, cache write 6.25e-06, one-hour write 1e-05, output 2.5e-05.
        // Input 20,000 = 8,000 uncached + 4,000 read + 8,000 written (6,000 for an hour).
        //   8,000 × 0.000005   = 0.04
        //   4,000 × 0.0000005  = 0.002
        //   2,000 × 0.00000625 = 0.0125
        //   6,000 × 0.00001    = 0.06     cache writes 0.0725
        //   1,000 × 0.000025   = 0.025
        //                  total 0.1395
        var result = Price(Request("anthropic", "claude-opus-5") with
        {
            InputTokens = 20_000,
            CachedInputTokens = 4_000,
            CacheWriteTokens = 8_000,
            CacheWriteOneHourTokens = 6_000,
            OutputTokens = 1_000,
        });

        Assert.True(result.IsPriced, result.UnpricedReason);
        Assert.Equal("langfuse@62751446:claude-opus-5", result.PriceVersion);
        Assert.Equal(0.0725m, result.Cost.CacheWrite);
        Assert.Equal(0.1395m, result.Cost.Total);
    }

    [Fact]
    public void LangfuseOnlyModelThroughAGatewayPrefix_IsPricedToo()
    {
        // gpt-5.4 (Langfuse only): input 2.5e-06, output 1.5e-05. 10,000 × 0.0000025 + 1,000 × 0.000015 = 0.025 + 0.015 = 0.04
        var cost = PricedCost(Request("openrouter", "openrouter/openai/gpt-5.4") with { InputTokens = 10_000, OutputTokens = 1_000 });

        Assert.Equal(0.04m, cost.Total);
    }

    [Fact]
    public void LangfuseFlexTier_IsCarried()
    {
        // gpt-5.4 flex: input 1.25e-06, output 7.5e-06. 10,000 × 0.00000125 + 1,000 × 0.0000075 = 0.0125 + 0.0075 = 0.02
        var cost = PricedCost(Request("openai", "gpt-5.4") with { ServiceTier = "flex", InputTokens = 10_000, OutputTokens = 1_000 });

        Assert.Equal(0.02m, cost.Total);
    }

    [Fact]
    public void ModelBothSourcesPrice_KeepsLiteLLMsPrice_WithLangfusesBesideItWhereTheyDiffer()
    {
        // claude-3-5-haiku-20241022: LiteLLM's one-hour write is 6e-06, Langfuse's 1.6e-06; the rest agree.
        var price = Shipped.FindPrice("claude-3-5-haiku-20241022", SomeDay)!;
        var other = Assert.Single(Shipped.Find("claude-3-5-haiku-20241022")!.OtherSources);

        Assert.Equal(("litellm", 0.000006m), (price.Source, price.Standard.CacheWriteOneHour));
        Assert.Equal(("langfuse", "langfuse@62751446:claude-3-5-haiku-20241022"), (other.Source, other.Version));
        Assert.Equal(
            new TokenRates { Input = 0.0000008m, Output = 0.000004m, CacheRead = 0.00000008m, CacheWrite = 0.000001m, CacheWriteOneHour = 0.0000016m },
            other.Rates);
    }

    [Fact]
    public void ModelBothSourcesPriceAlike_ListsNoOtherSource() =>
        Assert.Empty(Shipped.Find("gpt-4o")!.OtherSources);
}
