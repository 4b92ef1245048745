using Anthropic.Models.Messages;

namespace TokenOptimizer.Client.Anthropic;

/// <summary>Reads token counts from the official <c>Anthropic</c> SDK's message.</summary>
/// <remarks>
/// Anthropic reports the prompt in parts: <c>input_tokens</c> is only what was neither read from nor written to
/// the cache, so the contract's whole prompt is <c>input_tokens + cache_read_input_tokens +
/// cache_creation_input_tokens</c>; of the writes, <c>cache_creation.ephemeral_1h_input_tokens</c> are the one-hour ones.
/// <c>output_tokens</c> already includes thinking tokens. A streamed message's counts are read with <see cref="AnthropicStreamUsage"/>.
/// </remarks>
public static class AnthropicUsage
{
    /// <summary>The counts of <paramref name="message"/>.</summary>
    public static TokenCounts From(Message message)
    {
        ArgumentNullException.ThrowIfNull(message);
        return From(message.Usage);
    }

    /// <summary>The counts of <paramref name="usage"/>; all 0 when it is null.</summary>
    public static TokenCounts From(Usage? usage)
    {
        if (usage is null)
        {
            return default;
        }

        var cacheRead = usage.CacheReadInputTokens ?? 0;
        var cacheWrite = usage.CacheCreationInputTokens ?? 0;
        return new TokenCounts(
            Input: usage.InputTokens + cacheRead + cacheWrite,
            Output: usage.OutputTokens,
            CachedInput: cacheRead,
            CacheWrite: cacheWrite,
            Reasoning: usage.OutputTokensDetails?.ThinkingTokens ?? 0,
            CacheWriteOneHour: usage.CacheCreation?.Ephemeral1hInputTokens ?? 0);
    }
}
