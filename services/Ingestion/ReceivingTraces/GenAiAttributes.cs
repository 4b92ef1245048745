namespace TokenOptimizer.Ingestion.ReceivingTraces;

/// <summary>
/// The OpenTelemetry GenAI semantic-convention attributes the receiver maps. Nothing else of a span is read: prompt
/// and completion attributes (<c>gen_ai.prompt*</c>, <c>gen_ai.completion*</c>, <c>gen_ai.input.messages</c>,
/// <c>gen_ai.output.messages</c>, <c>gen_ai.system_instructions</c>) are never looked at, let alone kept.
/// </summary>
internal static class GenAiAttributes
{
    public const string ProviderName = "gen_ai.provider.name";

    /// <summary>The provider's name before <see cref="ProviderName"/> replaced it.</summary>
    public const string System = "gen_ai.system";

    public const string OperationName = "gen_ai.operation.name";
    public const string RequestModel = "gen_ai.request.model";
    public const string ResponseModel = "gen_ai.response.model";

    /// <summary>The whole prompt, cache reads and writes included: the contract's meaning of input tokens.</summary>
    public const string InputTokens = "gen_ai.usage.input_tokens";

    public const string OutputTokens = "gen_ai.usage.output_tokens";
    public const string CacheReadInputTokens = "gen_ai.usage.cache_read.input_tokens";
    public const string CacheCreationInputTokens = "gen_ai.usage.cache_creation.input_tokens";

    /// <summary>
    /// The part of <see cref="CacheCreationInputTokens"/> written with a one-hour lifetime (Anthropic's
    /// <c>cache_creation.ephemeral_1h_input_tokens</c>). The conventions name no such attribute yet; this one follows
    /// their spelling of the cache attributes, and our SDKs send it.
    /// </summary>
    public const string CacheCreationOneHourInputTokens = "gen_ai.usage.cache_creation.ephemeral_1h.input_tokens";
    public const string ReasoningOutputTokens = "gen_ai.usage.reasoning.output_tokens";

    /// <summary>Names older instrumentations still send for input and output tokens.</summary>
    public const string PromptTokens = "gen_ai.usage.prompt_tokens";

    public const string CompletionTokens = "gen_ai.usage.completion_tokens";

    public const string ErrorType = "error.type";

    /// <summary>Where in a span each field of the record comes from, to name it when the record is refused.</summary>
    public static readonly IReadOnlyDictionary<string, string> SourceOfField = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["requestId"] = "the span's trace and span ids",
        ["occurredAt"] = "the span's start time",
        ["latencyMs"] = "the span's end minus its start",
        ["provider"] = $"{ProviderName} or {System}",
        ["model"] = $"{RequestModel} or {ResponseModel}",
        ["responseModel"] = ResponseModel,
        ["inputTokens"] = InputTokens,
        ["outputTokens"] = OutputTokens,
        ["cachedInputTokens"] = CacheReadInputTokens,
        ["cacheWriteTokens"] = CacheCreationInputTokens,
        ["cacheWriteOneHourTokens"] = CacheCreationOneHourInputTokens,
        ["reasoningTokens"] = ReasoningOutputTokens,
    };

    /// <summary>
    /// Operations that are not one model call: the calls an agent or a tool makes are spans of their own, so counting
    /// these too would count the same tokens twice.
    /// </summary>
    public static readonly IReadOnlySet<string> NotModelCalls = new HashSet<string>(StringComparer.Ordinal)
    {
        "invoke_agent", "create_agent", "execute_tool",
    };
}
