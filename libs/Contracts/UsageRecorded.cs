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
/// <item><see cref="CacheWriteOneHourTokens"/> is part of <see cref="CacheWriteTokens"/>: the writes with Anthropic's
/// one-hour lifetime, billed at a higher rate than the default five-minute ones.</item>
/// <item><see cref="ReasoningTokens"/> is part of <see cref="OutputTokens"/>.</item>
/// </list>
/// <para>A record whose parts exceed their whole is rejected with that reason.</para>
/// <para><b>Bounds.</b> Every field has one, listed on <see cref="UsageLimits"/>: token counts, durations, amounts, and
/// text in characters and UTF-8 bytes, without control characters. A record beyond any bound is rejected whole and
/// quarantined, never cut, so that whatever is accepted can always be rolled up.</para>
/// </remarks>
public sealed record UsageRecorded
{
    /// <summary>The call's unique id and the idempotency key: a record delivered twice is stored once. An identifier (see <see cref="UsageLimits"/>).</summary>
    public required string RequestId { get; init; }

    /// <summary>When the call was made.</summary>
    public required DateTimeOffset OccurredAt { get; init; }

    /// <summary>Who served the call, e.g. <c>openai</c>, <c>anthropic</c>, <c>bedrock</c>. An identifier.</summary>
    public required string Provider { get; init; }

    /// <summary>The model as the provider names it, e.g. <c>gpt-4o</c> or <c>openai/gpt-4o-2024-08-06</c>. An identifier.</summary>
    public required string Model { get; init; }

    /// <summary>
    /// The model the provider's response named, when it differs or is more precise than the requested <see cref="Model"/>
    /// (an Azure deployment name, a dated snapshot behind an alias). Pricing prefers it when the catalog knows it. An identifier.
    /// </summary>
    public string? ResponseModel { get; init; }

    /// <summary>The endpoint or product feature the call served; <c>default</c> when absent. An identifier.</summary>
    public string? Feature { get; init; }

    /// <summary>The team that owns the call. An identifier.</summary>
    public string? Team { get; init; }

    /// <summary>Where the call ran, e.g. <c>production</c>, <c>staging</c>. An identifier.</summary>
    public string? Environment { get; init; }

    /// <summary>An opaque id of the end user; never an e-mail address or a name. An identifier.</summary>
    public string? UserId { get; init; }

    /// <summary>The id (not the secret) of the API key the call used. An identifier.</summary>
    public string? ApiKeyId { get; init; }

    /// <summary>The whole prompt, including <see cref="CachedInputTokens"/> and <see cref="CacheWriteTokens"/>; 0 to <see cref="UsageLimits.MaxTokens"/>.</summary>
    public long InputTokens { get; init; }

    /// <summary>The whole completion, including <see cref="ReasoningTokens"/>; 0 to <see cref="UsageLimits.MaxTokens"/>.</summary>
    public long OutputTokens { get; init; }

    /// <summary>The part of <see cref="InputTokens"/> read from the provider's prompt cache.</summary>
    public long CachedInputTokens { get; init; }

    /// <summary>The part of <see cref="InputTokens"/> written to the provider's prompt cache.</summary>
    public long CacheWriteTokens { get; init; }

    /// <summary>
    /// The part of <see cref="CacheWriteTokens"/> written with a one-hour lifetime (Anthropic's
    /// <c>cache_creation.ephemeral_1h_input_tokens</c>); the rest of the writes are five-minute ones. 0 to <see cref="CacheWriteTokens"/>.
    /// </summary>
    public long CacheWriteOneHourTokens { get; init; }

    /// <summary>The part of <see cref="OutputTokens"/> spent on reasoning (thinking).</summary>
    public long ReasoningTokens { get; init; }

    /// <summary>Wall-clock duration of the call in milliseconds: finite, 0 to <see cref="UsageLimits.MaxLatencyMs"/>.</summary>
    public double LatencyMs { get; init; }

    /// <summary>Milliseconds until the first token arrived, for streamed calls: finite, 0 to <see cref="UsageLimits.MaxLatencyMs"/>.</summary>
    public double? TimeToFirstTokenMs { get; init; }

    /// <summary>Whether the response was streamed.</summary>
    public bool Streaming { get; init; }

    /// <summary>One of <see cref="Outcomes"/>: <c>succeeded</c> or <c>failed</c>.</summary>
    public required string Outcome { get; init; }

    /// <summary>For a failed call, one of <see cref="ErrorTypes"/>.</summary>
    public string? ErrorType { get; init; }

    /// <summary>The provider's error code, for a failed call. An identifier.</summary>
    public string? ErrorCode { get; init; }

    /// <summary>A short error message (at most <see cref="UsageLimits.ErrorMessageMaxLength"/> characters and <see cref="UsageLimits.ErrorMessageMaxBytes"/> UTF-8 bytes); never prompt text.</summary>
    public string? ErrorMessage { get; init; }

    /// <summary>One of <see cref="ServiceTiers"/>; <c>standard</c> when absent.</summary>
    public string? ServiceTier { get; init; }

    /// <summary>The input token count the caller predicted before the call, if it did; 0 to <see cref="UsageLimits.MaxTokens"/>.</summary>
    public long? EstimatedInputTokens { get; init; }

    /// <summary>The cost the provider reported for the call, when it reports one: 0 to <see cref="UsageLimits.MaxAmountUsd"/>, at most <see cref="UsageLimits.MaxAmountDecimalPlaces"/> decimal places.</summary>
    public decimal? ReportedCostUsd { get; init; }

    /// <summary>What the caller charged downstream for the call (revenue), if anything: 0 to <see cref="UsageLimits.MaxAmountUsd"/>, at most <see cref="UsageLimits.MaxAmountDecimalPlaces"/> decimal places.</summary>
    public decimal? BilledAmountUsd { get; init; }

    /// <summary>
    /// What the call needed beyond text in and text out: any of <see cref="CallCapabilities"/>. Absent means not
    /// stated: a cheaper model is then only suggested if it offers whatever the current model does. At most
    /// <see cref="UsageLimits.MaxCapabilities"/> entries.
    /// </summary>
    public IReadOnlyList<string>? Capabilities { get; init; }

    /// <summary>Free-form labels, at most <see cref="UsageLimits.MaxTags"/> of them; keys and values bounded like identifiers (<see cref="UsageLimits.TagMaxLength"/>, <see cref="UsageLimits.TagMaxBytes"/>).</summary>
    public IReadOnlyDictionary<string, string>? Tags { get; init; }
}
