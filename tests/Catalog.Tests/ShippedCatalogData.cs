using static TokenOptimizer.Catalog.Tests.Pricing;

namespace TokenOptimizer.Catalog.Tests;

public class ShippedCatalogData
{
    [Fact]
    public void HoldsEveryTokenPricedEntryOfTheSource()
    {
        // LiteLLM 0435375b: 2,171 token-priced entries besides sample_spec, one of them a case-only duplicate; and the 41
        // token-priced models of Langfuse 62751446 that no LiteLLM key matches.
        Assert.Equal(2_170 + 41, Shipped.Models.Count);
        Assert.Equal(41, Shipped.Models.Count(m => Shipped.FindPrice(m.Key, SomeDay)?.Source == "langfuse"));
        Assert.Null(Shipped.Find("sample_spec"));
        Assert.Null(Shipped.Find("dall-e-3")); // priced per image, not per token
    }

    // Values copied by hand from shared/data/litellm-model-prices.json.
    [Fact]
    public void Gpt4o_MatchesTheSource()
    {
        // "input_cost_per_token": 2.5e-06, "output_cost_per_token": 1e-05, "cache_read_input_token_cost": 1.25e-06,
        // "input_cost_per_token_batches": 1.25e-06, "output_cost_per_token_batches": 5e-06,
        // "input_cost_per_token_priority": 4.25e-06, "output_cost_per_token_priority": 1.7e-05,
        // "cache_read_input_token_cost_priority": 2.125e-06
        var price = Shipped.FindPrice("gpt-4o", SomeDay)!;

        Assert.Equal("litellm@0435375b:gpt-4o", price.Version);
        Assert.Equal(DateTimeOffset.MinValue, price.EffectiveFrom);
        Assert.Equal(new TokenRates { Input = 0.0000025m, Output = 0.00001m, CacheRead = 0.00000125m }, price.Standard);
        Assert.Equal(new TokenRates { Input = 0.00000125m, Output = 0.000005m }, price.Batch);
        Assert.Equal(new TokenRates { Input = 0.00000425m, Output = 0.000017m, CacheRead = 0.000002125m }, price.Priority);
        Assert.Null(price.Flex);
        Assert.Null(price.Above200k);
    }

    [Fact]
    public void ClaudeSonnet4_MatchesTheSource()
    {
        // "input_cost_per_token": 3e-06, "output_cost_per_token": 1.5e-05, "cache_read_input_token_cost": 3e-07,
        // "cache_creation_input_token_cost": 3.75e-06, "cache_creation_input_token_cost_above_1hr": 6e-06,
        // and above 200k: 6e-06, 2.25e-05, 6e-07, 7.5e-06
        var price = Shipped.FindPrice("claude-sonnet-4-20250514", SomeDay)!;

        Assert.Equal(
            new TokenRates { Input = 0.000003m, Output = 0.000015m, CacheRead = 0.0000003m, CacheWrite = 0.00000375m, CacheWriteOneHour = 0.000006m },
            price.Standard);
        Assert.Equal(new TokenRates { Input = 0.000006m, Output = 0.0000225m, CacheRead = 0.0000006m, CacheWrite = 0.0000075m }, price.Above200k);
    }

    [Fact]
    public void GeminiFlashPreview_MatchesTheSource()
    {
        // "input_cost_per_token": 1.5e-07, "output_cost_per_token": 6e-07, "cache_read_input_token_cost": 3.75e-08,
        // "output_cost_per_reasoning_token": 3.5e-06
        var price = Shipped.FindPrice("gemini-2.5-flash-preview-04-17", SomeDay)!;

        Assert.Equal(
            new TokenRates { Input = 0.00000015m, Output = 0.0000006m, CacheRead = 0.0000000375m, Reasoning = 0.0000035m },
            price.Standard);
    }

    [Fact]
    public void ModelFacts_MatchTheSource()
    {
        var gpt4o = Shipped.Find("GPT-4o")!;

        Assert.Equal("gpt-4o", gpt4o.Key);
        Assert.Equal("openai", gpt4o.Provider);
        Assert.Equal("chat", gpt4o.Mode);
        Assert.Equal(128_000, gpt4o.MaxInputTokens);
        Assert.Equal(16_384, gpt4o.MaxOutputTokens);
        Assert.Equal(
            ModelCapabilities.Vision | ModelCapabilities.FunctionCalling | ModelCapabilities.ResponseSchema | ModelCapabilities.PromptCaching,
            gpt4o.Capabilities);
        Assert.True(Shipped.Find("o3-mini")!.Capabilities.HasFlag(ModelCapabilities.Reasoning));
    }

    [Fact]
    public void WholeNumberLimitsWrittenAsFloats_AreRead()
    {
        // The source writes "max_input_tokens": 2000000.0 for xai/grok-4-fast-reasoning.
        Assert.Equal(2_000_000, Shipped.Find("xai/grok-4-fast-reasoning")!.MaxInputTokens);
    }

    [Fact]
    public void KeysDifferingOnlyInCase_AreOneEntry()
    {
        Assert.Equal("together_ai/baai/bge-base-en-v1.5", Shipped.Find("together_ai/BAAI/bge-base-en-v1.5")!.Key);
    }

    [Fact]
    public void LoadDefault_IsCached() => Assert.Same(ModelCatalog.LoadDefault(), ModelCatalog.LoadDefault());
}
