namespace TokenOptimizer.Contracts;

/// <summary>
/// One LLM call, reported by the application (or gateway, or SDK) that made it. Version 1.
/// This is a public contract: fields are only ever added (optional), never renamed or repurposed.
/// No prompt or completion text exists anywhere in it.
/// </summary>
/// <remarks>
/// <para><b>One meaning for every count.</b> Double-counted cached and reasoning tokens are the most
/// reported cost bug in comparable tools, so the counts nest like this:</para>
/// <list type="bullet">
/// <item><see cref="InputTokens"/> is the whole prompt, <i>including</i> cached reads and cache writes
/// (the OpenTelemetry gen_ai convention; OpenAI reports it this way, Anthropic reports the parts apart,
/// so add them up before sending).</item>
/// <item><see cref="CachedInputTokens"/> and <see cref="CacheWriteTokens"/> are parts of
/// <see cref="InputTokens"/>: together they never exceed it.</item>
/// <item><see cref="ReasoningTokens"/> is part of <see cref="OutputTokens"/>.</item>
/// </list>
/// <para>A record whose parts exceed their whole is rejected with that reason.</para>
/// </remarks>
public sealed record UsageRecorded
{
    /// <summary>The call's unique id and the idempotency key: a record delivered twice is stored once.</summary>
    public required string RequestId { get; init; }

    /// <summary>When the call was made.</summary>
    public required DateTimeOffset OccurredAt { get; init; }

    /// <summary>Who served the call, e.g. <c>openai</c>, <c>anthropic</c>, <c>bedrock</c>.</summary>
    public required string Provider { get; init; }

    /// <summary>The model as the provider names it, e.g. <c>gpt-4o</c> or <c>openai/gpt-4o-2024-08-06</c>.</summary>
    public required string Model { get; init; }

    /// <summary>The endpoint or product feature the call served; <c>default</c> when absent.</summary>
    public string? Feature { get; init; }

    /// <summary>The team that owns the call.</summary>
    public string? Team { get; init; }

    /// <summary>Where the call ran, e.g. <c>production</c>, <c>staging</c>.</summary>
    public string? Environment { get; init; }

    /// <summary>An opaque id of the end user; never an e-mail address or a name.</summary>
    public string? UserId { get; init; }

    /// <summary>The id (not the secret) of the API key the call used.</summary>
    public string? ApiKeyId { get; init; }

    /// <summary>The whole prompt, including <see cref="CachedInputTokens"/> and <see cref="CacheWriteTokens"/>.</summary>
    public long InputTokens { get; init; }

    /// <summary>The whole completion, including <see cref="ReasoningTokens"/>.</summary>
    public long OutputTokens { get; init; }

    /// <summary>The part of <see cref="InputTokens"/> read from the provider's prompt cache.</summary>
    public long CachedInputTokens { get; init; }

    /// <summary>The part of <see cref="InputTokens"/> written to the provider's prompt cache.</summary>
    public long CacheWriteTokens { get; init; }

    /// <summary>The part of <see cref="OutputTokens"/> spent on reasoning (thinking).</summary>
    public long ReasoningTokens { get; init; }

    /// <summary>Wall-clock duration of the call in milliseconds.</summary>
    public double LatencyMs { get; init; }

    /// <summary>Milliseconds until the first token arrived, for streamed calls.</summary>
    public double? TimeToFirstTokenMs { get; init; }

    /// <summary>Whether the response was streamed.</summary>
    public bool Streaming { get; init; }

    /// <summary>One of <see cref="Outcomes"/>: <c>succeeded</c> or <c>failed</c>.</summary>
    public required string Outcome { get; init; }

    /// <summary>For a failed call, one of <see cref="ErrorTypes"/>.</summary>
    public string? ErrorType { get; init; }

    /// <summary>The provider's error code, for a failed call.</summary>
    public string? ErrorCode { get; init; }

    /// <summary>A short error message (at most <see cref="UsageLimits.ErrorMessageMaxLength"/> characters); never prompt text.</summary>
    public string? ErrorMessage { get; init; }

    /// <summary>One of <see cref="ServiceTiers"/>; <c>standard</c> when absent.</summary>
    public string? ServiceTier { get; init; }

    /// <summary>The input token count the caller predicted before the call, if it did.</summary>
    public long? EstimatedInputTokens { get; init; }

    /// <summary>The cost the provider reported for the call, when it reports one.</summary>
    public decimal? ReportedCostUsd { get; init; }

    /// <summary>What the caller charged downstream for the call (revenue), if anything.</summary>
    public decimal? BilledAmountUsd { get; init; }

    /// <summary>
    /// What the call needed beyond text in and text out: any of <see cref="CallCapabilities"/>. Absent means not
    /// stated: a cheaper model is then only suggested if it offers whatever the current model does.
    /// </summary>
    public IReadOnlyList<string>? Capabilities { get; init; }

    /// <summary>Free-form labels, at most <see cref="UsageLimits.MaxTags"/> of them.</summary>
    public IReadOnlyDictionary<string, string>? Tags { get; init; }
}
