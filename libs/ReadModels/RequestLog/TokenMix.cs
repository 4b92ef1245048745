namespace TokenOptimizer.ReadModels;

/// <summary>
/// The summed tokens of calls that are priced alike: one service tier and one context tier (prompts up to 128k,
/// up to 200k, above). Prices are linear within such a group, so pricing the sums prices every call exactly.
/// </summary>
public sealed record TokenMix(
    string ServiceTier, long PromptTokensPerCall, long Calls,
    long InputTokens, long CachedInputTokens, long CacheWriteTokens, long OutputTokens, long ReasoningTokens)
{
    /// <summary>The context tier a prompt falls in, named by a prompt size inside it (what selects the tier's rates).</summary>
    public static long ContextTierOf(long promptTokens) => promptTokens switch
    {
        > 200_000 => 200_001,
        > 128_000 => 128_001,
        _ => 0,
    };

    /// <summary>The SQL expression that gives <see cref="ContextTierOf"/> of <c>input_tokens</c>.</summary>
    public const string ContextTierSql = "CASE WHEN input_tokens > 200000 THEN 200001 WHEN input_tokens > 128000 THEN 128001 ELSE 0 END";
}
