using static TokenOptimizer.Catalog.Tests.Pricing;

namespace TokenOptimizer.Catalog.Tests;

public class PricingUnknownModels
{
    [Fact]
    public void UnknownModel_IsUnpricedNotFree()
    {
        var result = Price(Request("openai", "gpt-7-ultra") with { InputTokens = 1_000, OutputTokens = 1_000 });

        Assert.False(result.IsPriced);
        Assert.Null(result.Cost);
        Assert.Null(result.PriceVersion);
        Assert.Equal("unknown model 'gpt-7-ultra' for provider 'openai'", result.UnpricedReason);
    }

    [Fact]
    public void KnownModelUnderTheWrongProvider_IsUnpriced()
    {
        var result = Price(Request("anthropic", "gpt-4o") with { InputTokens = 1_000 });

        Assert.False(result.IsPriced);
        Assert.Equal("unknown model 'gpt-4o' for provider 'anthropic'", result.UnpricedReason);
    }

    [Theory]
    [InlineData(1_000, 1_001, 0, 0, 0)]
    [InlineData(1_000, 600, 500, 0, 0)]
    [InlineData(0, 0, 0, 10, 11)]
    [InlineData(-1, 0, 0, 0, 0)]
    public void PartsExceedingTheirWhole_AreUnpriced(long input, long cached, long cacheWrite, long output, long reasoning)
    {
        var result = Price(Request("openai", "gpt-4o") with
        {
            InputTokens = input,
            CachedInputTokens = cached,
            CacheWriteTokens = cacheWrite,
            OutputTokens = output,
            ReasoningTokens = reasoning,
        });

        Assert.False(result.IsPriced);
        Assert.NotNull(result.UnpricedReason);
    }

    [Fact]
    public void TokensWithoutARate_AreUnpricedNotFree()
    {
        // gpt-image-1 states input and cache-read rates per token, but prices its output per image.
        var result = Price(Request("openai", "gpt-image-1") with { InputTokens = 100, OutputTokens = 1_000 });

        Assert.False(result.IsPriced);
        Assert.Equal("gpt-image-1", result.CatalogKey);
        Assert.Equal("'gpt-image-1' has no output token rate in litellm@0435375b:gpt-image-1", result.UnpricedReason);
    }

    [Fact]
    public void TokensOfAKindWithARate_ArePricedEvenIfAnotherKindHasNone()
    {
        // gpt-image-1 prompt only: 100 × 0.000005 = 0.0005
        var cost = PricedCost(Request("openai", "gpt-image-1") with { InputTokens = 100 });

        Assert.Equal(0.0005m, cost.Total);
    }
}
