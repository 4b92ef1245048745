using Microsoft.Extensions.AI;

namespace TokenOptimizer.Client;

/// <summary>
/// A call's token counts with the one meaning the usage contract gives them: <see cref="Input"/> includes
/// <see cref="CachedInput"/> and <see cref="CacheWrite"/>, and <see cref="Output"/> includes <see cref="Reasoning"/>.
/// Built from a provider's own usage shape by the adapters (<c>OpenAIUsage</c> in TokenOptimizer.Client.OpenAI,
/// <c>AnthropicUsage</c> in TokenOptimizer.Client.Anthropic) or by <see cref="FromUsageDetails"/>.
/// </summary>
/// <param name="Input">The whole prompt, cached reads and cache writes included.</param>
/// <param name="Output">The whole completion, reasoning included.</param>
/// <param name="CachedInput">The part of <paramref name="Input"/> read from the prompt cache.</param>
/// <param name="CacheWrite">The part of <paramref name="Input"/> written to the prompt cache.</param>
/// <param name="Reasoning">The part of <paramref name="Output"/> spent on reasoning.</param>
/// <param name="CacheWriteOneHour">The part of <paramref name="CacheWrite"/> written with a one-hour lifetime (Anthropic's longer cache).</param>
public readonly record struct TokenCounts(
    long Input, long Output, long CachedInput = 0, long CacheWrite = 0, long Reasoning = 0, long CacheWriteOneHour = 0)
{
    /// <summary>
    /// The key under which Microsoft.Extensions.AI clients (the Anthropic one among them) put cache writes in
    /// <see cref="UsageDetails.AdditionalCounts"/>: the abstraction has no property of its own for them.
    /// </summary>
    public const string CacheCreationInputTokensKey = "CacheCreationInputTokens";

    /// <summary>
    /// Reads Microsoft.Extensions.AI usage, whose convention is the contract's: cached input is part of the input
    /// count. Missing counts are 0.
    /// </summary>
    public static TokenCounts FromUsageDetails(UsageDetails? usage)
    {
        if (usage is null)
        {
            return default;
        }

        long cacheWrite = 0;
        usage.AdditionalCounts?.TryGetValue(CacheCreationInputTokensKey, out cacheWrite);
        return new TokenCounts(
            Input: usage.InputTokenCount ?? 0,
            Output: usage.OutputTokenCount ?? 0,
            CachedInput: usage.CachedInputTokenCount ?? 0,
            CacheWrite: cacheWrite,
            Reasoning: usage.ReasoningTokenCount ?? 0);
    }
}
