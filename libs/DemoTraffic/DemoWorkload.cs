using TokenOptimizer.Contracts;
namespace TokenOptimizer.DemoTraffic;

/// <summary>
/// The demo's made-up company: models across several providers, all named as the shipped price catalog
/// knows them (plus one in-house fine-tune it does not know, to show unpriced traffic), and features of
/// four teams with their own prompt shapes.
/// </summary>
public static class DemoWorkload
{
    /// <summary>The models the demo company calls.</summary>
    public static IReadOnlyList<ModelProfile> Models { get; } =
    [
        new("openai", "gpt-4o", 8, 900, Caches: true),
        new("openai", "gpt-4o-mini", 14, 450, Caches: true),
        new("openai", "gpt-4.1", 4, 1100, Caches: true),
        new("openai", "o4-mini", 3, 4200, Reasons: true, Caches: true),
        new("anthropic", "claude-sonnet-4-20250514", 7, 1400, Caches: true),
        new("anthropic", "claude-3-5-haiku-20241022", 6, 600, Caches: true),
        new("gemini", "gemini-2.5-pro", 3, 2600, Reasons: true, Caches: true),
        new("gemini", "gemini-2.5-flash", 6, 500, Caches: true),
        new("mistral", "mistral/mistral-large-latest", 2, 1000),
        new("deepseek", "deepseek/deepseek-chat", 2, 1500, Caches: true),
        new("groq", "groq/llama-3.3-70b-versatile", 2, 250),
        new("acme", "acme-support-ft-v2", 0.5, 700),
    ];

    /// <summary>The features that call them.</summary>
    public static IReadOnlyList<FeatureProfile> Features { get; } =
    [
        new("support-chat", "support", 10, 2400, 350, 0.6, 0.9, ["gpt-4o-mini", "claude-3-5-haiku-20241022", "acme-support-ft-v2"], [CallCapabilities.Tools]),
        new("ticket-triage", "support", 5, 900, 40, 0.3, 0.0, ["gpt-4o-mini", "gemini-2.5-flash", "groq/llama-3.3-70b-versatile"], [CallCapabilities.JsonSchema]),
        new("doc-summarizer", "growth", 6, 12000, 600, 0.1, 0.2, ["gpt-4o", "claude-sonnet-4-20250514", "gemini-2.5-flash"]),
        new("email-drafts", "growth", 4, 1500, 450, 0.2, 0.7, ["gpt-4o", "mistral/mistral-large-latest", "deepseek/deepseek-chat"]),
        new("code-review", "platform", 4, 18000, 900, 0.7, 0.5, ["claude-sonnet-4-20250514", "gpt-4.1", "o4-mini"], [CallCapabilities.Tools]),
        new("research-agent", "ml", 2, 40000, 2500, 0.5, 0.3, ["gemini-2.5-pro", "o4-mini", "claude-sonnet-4-20250514"]),
        new("search-rerank", "ml", 6, 3000, 20, 0.0, 0.0, ["gpt-4o-mini", "gemini-2.5-flash", "groq/llama-3.3-70b-versatile"], []),
    ];

    /// <summary>Where calls run; production most often.</summary>
    public static IReadOnlyList<string> Environments { get; } = ["production", "production", "production", "staging", "development"];
}
