namespace TokenOptimizer.SystemTests.UsingThePythonSdk;

/// <summary>
/// A record the Python tests send, by its name in the request id, with the counts the contract requires. The counts
/// are worked out here from the numbers the provider's response carried, not by the SDK under test.
/// </summary>
public sealed record ExpectedUsage(
    string Name, string Provider, string Model, string Feature, string? Team,
    long Input, long Cached, long CacheWrite, long Output, long Reasoning, string Outcome = "succeeded", string? ErrorType = null, string? ErrorCode = null,
    bool Streaming = false, decimal? ReportedCostUsd = null)
{
    /// <summary>What sdk/python/tests/test_delivering_to_ingestion.py sends with a working key, each checked on its own.</summary>
    public static IReadOnlyList<ExpectedUsage> Delivered { get; } =
    [
        OpenAI("openai-chat", "gpt-4o-2024-08-06", "support-chat", promptTokens: 1200, completionTokens: 300, cachedTokens: 1024, reasoningTokens: 0),
        OpenAI("openai-reasoning", "o4-mini", "planning", promptTokens: 500, completionTokens: 900, cachedTokens: 0, reasoningTokens: 640),
        OpenAI("openai-responses", "gpt-4.1-mini", "search", promptTokens: 2048, completionTokens: 128, cachedTokens: 1536, reasoningTokens: 0),
        Anthropic("anthropic", "claude-sonnet-4-20250514", "support-chat", "support", inputTokens: 25, cacheRead: 1000, cacheCreation: 300, outputTokens: 80),
        Anthropic("anthropic-decorated", "claude-3-5-haiku-20241022", "summaries", null, inputTokens: 400, cacheRead: 0, cacheCreation: 0, outputTokens: 50),
        // Sent by a child program that ended right after the call: delivered by the flush at exit.
        OpenAI("at-exit", "gpt-4o-mini", "at-exit", promptTokens: 64, completionTokens: 8, cachedTokens: 0, reasoningTokens: 0),
        // A provider exception with HTTP status 429: no usage, the model the caller named.
        new("failed", "openai", "gpt-4o", "support-chat", null, 0, 0, 0, 0, 0, "failed", "rate_limit", "429"),
        // Streamed: the counts come from the stream's usage chunk / response.completed / message_start + message_delta.
        OpenAI("openai-chat-stream", "gpt-4o", "support-chat", promptTokens: 1200, completionTokens: 300, cachedTokens: 1024, reasoningTokens: 0) with { Streaming = true },
        OpenAI("openai-responses-stream", "gpt-4.1-mini", "search", promptTokens: 2048, completionTokens: 128, cachedTokens: 1536, reasoningTokens: 64) with { Streaming = true },
        Anthropic("anthropic-stream", "claude-sonnet-4-20250514", "support-chat", null, inputTokens: 25, cacheRead: 1000, cacheCreation: 300, outputTokens: 80) with { Streaming = true },
        // Nothing labelled: the provider from the client's base URL (api.groq.com), the model from the request.
        new("failed-unlabelled", "groq", "llama-3.3-70b-versatile", "support-chat", null, 0, 0, 0, 0, 0, "failed", "rate_limit", "429"),
        // track_event("gpt-4", tokens=1500, cost=0.045): the total counted as input, the cost as reported.
        new("manual-event", "openai", "gpt-4", "manual", null, 1500, 0, 0, 0, 0, ReportedCostUsd: 0.045m),
    ];

    /// <summary>What sdk/python/tests/test_outage_of_ingestion.py buffers while Ingestion is down: prompts of 100 + i tokens.</summary>
    public static IReadOnlyList<ExpectedUsage> AfterOutage { get; } =
        [.. Enumerable.Range(0, 5).Select(i => OpenAI($"outage-{i}", "gpt-4o-mini", "outage", promptTokens: 100 + i, completionTokens: 10, cachedTokens: 0, reasoningTokens: 0))];

    // OpenAI's prompt_tokens already is the whole prompt (cached part included), completion_tokens the whole completion.
    private static ExpectedUsage OpenAI(string name, string model, string feature, long promptTokens, long completionTokens, long cachedTokens, long reasoningTokens) =>
        new(name, "openai", model, feature, null, promptTokens, cachedTokens, 0, completionTokens, reasoningTokens);

    // Anthropic's input_tokens leaves the cache out: the whole prompt is input + cache read + cache write.
    private static ExpectedUsage Anthropic(string name, string model, string feature, string? team, long inputTokens, long cacheRead, long cacheCreation, long outputTokens) =>
        new(name, "anthropic", model, feature, team, inputTokens + cacheRead + cacheCreation, cacheRead, cacheCreation, outputTokens, 0);
}
