using static TokenOptimizer.Catalog.Tests.Pricing;

namespace TokenOptimizer.Catalog.Tests;

public class PricingOneHourCacheWrites
{
    // Rates copied by hand from shared/data/litellm-model-prices.json.
    private const string BedrockSonnet35 = "anthropic.claude-3-5-sonnet-20241022-v2:0";

    [Fact]
    public void OneHourWritesBelow200k_ArePricedAtTheOneHourRate()
    {
        // anthropic.claude-3-5-sonnet-20241022-v2:0: input 3e-06, cache write 3.75e-06, one-hour write 7.5e-06, output 1.5e-05.
        // Input 10,000 = 2,000 uncached + 8,000 written, 6,000 of them for an hour.
        //   2,000 × 0.000003   = 0.006
        //   2,000 × 0.00000375 = 0.0075
        //   6,000 × 0.0000075  = 0.045    cache writes 0.0075 + 0.045 = 0.0525
        //   1,000 × 0.000015   = 0.015
        //                  total 0.0735
        var cost = PricedCost(Request("bedrock", BedrockSonnet35) with
        {
            InputTokens = 10_000,
            CacheWriteTokens = 8_000,
            CacheWriteOneHourTokens = 6_000,
            OutputTokens = 1_000,
        });

        Assert.Equal(0.006m, cost.Input);
        Assert.Equal(0.0525m, cost.CacheWrite);
        Assert.Equal(0.015m, cost.Output);
        Assert.Equal(0.0735m, cost.Total);
    }

    [Fact]
    public void OneHourWritesAbove200k_ArePricedAtTheTiersOneHourRate()
    {
        // Above 200k: input 6e-06, cache write 7.5e-06, one-hour write 1.5e-05
        // (cache_creation_input_token_cost_above_1hr_above_200k_tokens), output 3e-05.
        // Input 250,000 = 50,000 uncached + 200,000 written, 150,000 of them for an hour.
        //    50,000 × 0.000006  = 0.3
        //    50,000 × 0.0000075 = 0.375
        //   150,000 × 0.000015  = 2.25     cache writes 0.375 + 2.25 = 2.625
        //     1,000 × 0.00003   = 0.03
        //                   total 2.955
        var cost = PricedCost(Request("bedrock", BedrockSonnet35) with
        {
            InputTokens = 250_000,
            CacheWriteTokens = 200_000,
            CacheWriteOneHourTokens = 150_000,
            OutputTokens = 1_000,
        });

        Assert.Equal(0.3m, cost.Input);
        Assert.Equal(2.625m, cost.CacheWrite);
        Assert.Equal(0.03m, cost.Output);
        Assert.Equal(2.955m, cost.Total);
    }

    [Fact]
    public void OneHourWritesBelow200k_OfAModelWhoseTierLacksAOneHourRate_UseTheStandardOneHourRate()
    {
        // claude-sonnet-4-20250514: input 3e-06, one-hour write 6e-06.
        // Input 10,000 = 4,000 uncached + 6,000 written for an hour.
        //   4,000 × 0.000003 = 0.012
        //   6,000 × 0.000006 = 0.036
        //                total 0.048
        var cost = PricedCost(Request("anthropic", "claude-sonnet-4-20250514") with
        {
            InputTokens = 10_000,
            CacheWriteTokens = 6_000,
            CacheWriteOneHourTokens = 6_000,
        });

        Assert.Equal(0.036m, cost.CacheWrite);
        Assert.Equal(0.048m, cost.Total);
    }

    [Fact]
    public void OneHourWritesAbove200k_OfAModelWhoseTierLacksAOneHourRate_KeepTheStandardOneHourRate()
    {
        // claude-sonnet-4-20250514 has an above-200k tier (input 6e-06, cache write 7.5e-06) but no one-hour rate in it,
        // so, like any rate a tier lacks, the one-hour writes keep the standard one-hour rate, 6e-06.
        // Input 200,001 = 1 uncached + 200,000 written, 100,000 of them for an hour.
        //         1 × 0.000006  = 0.000006
        //   100,000 × 0.0000075 = 0.75
        //   100,000 × 0.000006  = 0.6      cache writes 1.35
        //                   total 1.350006
        var cost = PricedCost(Request("anthropic", "claude-sonnet-4-20250514") with
        {
            InputTokens = 200_001,
            CacheWriteTokens = 200_000,
            CacheWriteOneHourTokens = 100_000,
        });

        Assert.Equal(0.000006m, cost.Input);
        Assert.Equal(1.35m, cost.CacheWrite);
        Assert.Equal(1.350006m, cost.Total);
    }

    [Fact]
    public void OneHourWritesOfAModelWithoutAOneHourRate_ArePricedAsFiveMinuteWrites()
    {
        // claude-sonnet-4-5 states a cache write rate, 3.75e-06, and no one-hour rate.
        //   10,000 × 0.00000375 = 0.0375
        var cost = PricedCost(Request("anthropic", "claude-sonnet-4-5") with
        {
            InputTokens = 10_000,
            CacheWriteTokens = 10_000,
            CacheWriteOneHourTokens = 4_000,
        });

        Assert.Equal(0.0375m, cost.CacheWrite);
        Assert.Equal(0.0375m, cost.Total);
    }

    [Fact]
    public void MoreOneHourWritesThanWrites_IsUnpriced()
    {
        var result = Price(Request("anthropic", "claude-sonnet-4-5") with
        {
            InputTokens = 10_000,
            CacheWriteTokens = 1_000,
            CacheWriteOneHourTokens = 1_001,
        });

        Assert.False(result.IsPriced);
        Assert.Equal("one-hour cache-write tokens exceed cache-write tokens", result.UnpricedReason);
    }
}
