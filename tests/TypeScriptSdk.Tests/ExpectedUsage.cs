namespace TokenOptimizer.TypeScriptSdk.Tests;

/// <summary>
/// A record the Vitest suite sends, by its name in the request id, with what the contract requires of it. The counts are
/// worked out here from the numbers the stub provider answers with (sdk/typescript/test/support/stubProvider.ts), not by
/// the SDK under test.
/// </summary>
public sealed record ExpectedUsage(
    string Name, string Provider, string Model, string? ResponseModel, string Feature,
    long Input, long Cached, long CacheWrite, long CacheWriteOneHour, long Output, long Reasoning,
    bool Streaming = false, string? Team = null, string Outcome = "succeeded", string? ErrorType = null, string? ErrorCode = null, decimal? ReportedCostUsd = null)
{
    /// <summary>What test/ingestion/deliveringToIngestion.test.ts sends with a working key, each checked on its own.</summary>
    public static IReadOnlyList<ExpectedUsage> Delivered { get; } =
    [
        // The stub answers a request for gpt-4o with the dated snapshot, as OpenAI does: sent as responseModel.
        Chat("openai-chat", "openai", "gpt-4o", "gpt-4o-2024-08-06", "support-chat"),
        Chat("openai-stream", "openai", "gpt-4o", "gpt-4o-2024-08-06", "support-chat") with { Streaming = true },
        // Responses API: input_tokens 2048 with 1536 cached, output 128, taken as they are.
        new("openai-responses", "openai", "gpt-4.1-mini", "gpt-4.1-mini", "search", 2048, 1536, 0, 0, 128, 0),
        Messages("anthropic", "claude-sonnet-4-20250514", "support-chat") with { Team = "support" },
        Messages("anthropic-stream", "claude-sonnet-4-20250514", "summaries") with { Streaming = true },
        // A 429: no usage, the model the request named, the provider's error code.
        new("failed", "openai", "gpt-4o", null, "support-chat", 0, 0, 0, 0, 0, 0, Outcome: "failed", ErrorType: "rate_limit", ErrorCode: "rate_limit_exceeded"),
        // Each listed host, reached by the OpenAI client at its real base URL: booked to the host's provider.
        Chat("host-mistral", "mistral", "mistral-small-latest", "mistral-small-latest", "hosts"),
        Chat("host-groq", "groq", "llama-3.3-70b-versatile", "llama-3.3-70b-versatile", "hosts"),
        Chat("host-deepseek", "deepseek", "deepseek-chat", "deepseek-chat", "hosts"),
        Chat("host-together_ai", "together_ai", "meta-llama/Llama-3.3-70B-Instruct-Turbo", "meta-llama/Llama-3.3-70B-Instruct-Turbo", "hosts"),
        Chat("host-openrouter", "openrouter", "openai/gpt-4o-mini", "openai/gpt-4o-mini", "hosts"),
        Chat("host-azure", "azure", "prod-4o", "prod-4o", "hosts"),
        // track(response) of an Anthropic message.
        Messages("tracked-response", "claude-3-5-haiku-20241022", "summaries"),
        // trackEvent("gpt-4", 1500, 0.045): a number of tokens is the whole prompt; $0.045 = 1,500 / 1,000 × $0.03.
        new("tracked-event", "openai", "gpt-4", null, "manual", 1500, 0, 0, 0, 0, 0, ReportedCostUsd: 0.045m),
        // Sent by a child program that ended right after the call: delivered by the flush at exit.
        new("at-exit", "openai", "gpt-4o-mini", "gpt-4o-mini", "at-exit", 64, 0, 0, 0, 8, 0),
    ];

    /// <summary>What test/ingestion/outageOfIngestion.test.ts buffers while Ingestion is down.</summary>
    public static IReadOnlyList<ExpectedUsage> AfterOutage { get; } =
        [.. Enumerable.Range(0, 5).Select(i => Chat($"outage-{i}", "openai", "gpt-4o", "gpt-4o-2024-08-06", "outage"))];

    // OpenAI's prompt_tokens (1200) already is the whole prompt with its 1024 cached, completion_tokens (300) the whole
    // completion with its 64 reasoning tokens.
    private static ExpectedUsage Chat(string name, string provider, string model, string responseModel, string feature) =>
        new(name, provider, model, responseModel, feature, 1200, 1024, 0, 0, 300, 64);

    // Anthropic's input_tokens (25) leaves the cache out: the whole prompt is 25 + 1000 read + 300 written = 1325, of the
    // writes 100 with the one-hour lifetime; output_tokens 80.
    private static ExpectedUsage Messages(string name, string model, string feature) =>
        new(name, "anthropic", model, model, feature, 1325, 1000, 300, 100, 80, 0);
}
