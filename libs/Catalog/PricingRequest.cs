namespace TokenOptimizer.Catalog;

/// <summary>
/// One call to price. The token counts nest (the OpenTelemetry gen_ai and OpenAI convention):
/// <see cref="InputTokens"/> is the whole prompt and <i>includes</i> <see cref="CachedInputTokens"/> and
/// <see cref="CacheWriteTokens"/>; <see cref="OutputTokens"/> is the whole completion and <i>includes</i>
/// <see cref="ReasoningTokens"/>; <see cref="CacheWriteTokens"/> <i>includes</i> <see cref="CacheWriteOneHourTokens"/>.
/// (Anthropic reports the prompt parts apart: add them up first.)
/// </summary>
public sealed record PricingRequest
{
    /// <summary>Who served the call, e.g. <c>openai</c>, <c>anthropic</c>, <c>bedrock</c>.</summary>
    public required string Provider { get; init; }

    /// <summary>The model as reported, e.g. <c>gpt-4o</c> or <c>openai/gpt-4o-2024-08-06</c>.</summary>
    public required string Model { get; init; }

    /// <summary>The model the provider's response named, if reported; preferred over <see cref="Model"/> when the catalog knows it.</summary>
    public string? ResponseModel { get; init; }

    /// <summary><c>standard</c> (also <c>default</c>, or <see langword="null"/>), <c>batch</c>, <c>flex</c> or <c>priority</c>.</summary>
    public string? ServiceTier { get; init; }

    /// <summary>When the call was made; selects the price version in force.</summary>
    public required DateTimeOffset OccurredAt { get; init; }

    /// <summary>The whole prompt, cached reads and cache writes included.</summary>
    public long InputTokens { get; init; }

    /// <summary>The whole completion, reasoning included.</summary>
    public long OutputTokens { get; init; }

    /// <summary>The part of <see cref="InputTokens"/> read from the prompt cache.</summary>
    public long CachedInputTokens { get; init; }

    /// <summary>The part of <see cref="InputTokens"/> written to the prompt cache.</summary>
    public long CacheWriteTokens { get; init; }

    /// <summary>The part of <see cref="CacheWriteTokens"/> written with a one-hour lifetime.</summary>
    public long CacheWriteOneHourTokens { get; init; }

    /// <summary>The part of <see cref="OutputTokens"/> spent on reasoning.</summary>
    public long ReasoningTokens { get; init; }

    /// <summary>
    /// When the counts are the sums of many calls of one context tier (prompts up to 128k, up to 200k, or above),
    /// the prompt size of such a call: it selects the tier's rates, which the summed <see cref="InputTokens"/> would
    /// not. Rates are linear within a tier, so the sums are then priced exactly. <see langword="null"/> for one call.
    /// </summary>
    public long? PromptTokensPerCall { get; init; }
}
