using TokenOptimizer.Catalog;
using TokenOptimizer.ReadModels;

namespace TokenOptimizer.Recommendations.Suggesting;

/// <summary>Prices a profile's token mixes at one model's prices in force at an instant: the re-pricing every saving rests on.</summary>
public sealed class MixPricer(CostCalculator calculator)
{
    /// <summary>The cost of the mixes, or null if any part cannot be priced (unknown model, missing rate).</summary>
    public decimal? Price(string provider, string model, IEnumerable<TokenMix> mixes, DateTimeOffset at)
    {
        var total = 0m;
        foreach (var mix in mixes)
        {
            var result = calculator.Price(new PricingRequest
            {
                Provider = provider, Model = model, ServiceTier = mix.ServiceTier, OccurredAt = at,
                InputTokens = mix.InputTokens, CachedInputTokens = mix.CachedInputTokens, CacheWriteTokens = mix.CacheWriteTokens,
                OutputTokens = mix.OutputTokens, ReasoningTokens = mix.ReasoningTokens, PromptTokensPerCall = mix.PromptTokensPerCall,
            });
            if (!result.IsPriced)
            {
                return null;
            }

            total += result.Cost.Total;
        }

        return total;
    }
}
