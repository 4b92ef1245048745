using OpenAI.Chat;

namespace TokenOptimizer.Client.OpenAI;

/// <summary>Reads token counts from the official <c>OpenAI</c> SDK's chat completions, plain or streamed.</summary>
/// <remarks>
/// OpenAI already reports the contract's meaning: <c>prompt_tokens</c> includes <c>cached_tokens</c>, and
/// <c>completion_tokens</c> includes <c>reasoning_tokens</c>. OpenAI has no separate charge for cache writes.
/// A stream carries usage only in its last update, and only when the request asks for it
/// (<c>stream_options.include_usage</c>), which the SDK's streaming methods do.
/// </remarks>
public static class OpenAIUsage
{
    /// <summary>The counts of <paramref name="completion"/>; all 0 when it carries no usage.</summary>
    public static TokenCounts From(ChatCompletion completion)
    {
        ArgumentNullException.ThrowIfNull(completion);
        return From(completion.Usage);
    }

    /// <summary>The counts a streamed update carries: those of the whole call in the last update, none in the others.</summary>
    public static TokenCounts From(StreamingChatCompletionUpdate update)
    {
        ArgumentNullException.ThrowIfNull(update);
        return From(update.Usage);
    }

    /// <summary>The counts of <paramref name="usage"/>; all 0 when it is null.</summary>
    public static TokenCounts From(ChatTokenUsage? usage) => usage is null
        ? default
        : new TokenCounts(
            Input: usage.InputTokenCount,
            Output: usage.OutputTokenCount,
            CachedInput: usage.InputTokenDetails?.CachedTokenCount ?? 0,
            Reasoning: usage.OutputTokenDetails?.ReasoningTokenCount ?? 0);
}
