using System.Collections.Frozen;

namespace TokenOptimizer.Catalog;

/// <summary>
/// Maps provider ids to the family used for compatibility checks, so that a catalog entry of
/// <c>vertex_ai-language-models</c> serves a caller that says <c>vertex_ai</c>, as LiteLLM's own lookup does.
/// </summary>
internal static class ProviderNames
{
    private const string TextCompletionPrefix = "text-completion-";

    // Names callers use that LiteLLM spells differently. "google" is ambiguous between the Gemini API
    // and Vertex AI, so it accepts both, Gemini first.
    private static readonly FrozenDictionary<string, string[]> CallerAliases = new Dictionary<string, string[]>
    {
        ["google"] = ["gemini", "vertex_ai"],
        ["vertex"] = ["vertex_ai"],
        ["aws"] = ["bedrock"],
        ["amazon"] = ["bedrock"],
        ["azure_openai"] = ["azure"],
        ["mistralai"] = ["mistral"],
        ["together"] = ["together_ai"],
        ["fireworks"] = ["fireworks_ai"],
    }.ToFrozenDictionary(StringComparer.OrdinalIgnoreCase);

    /// <summary>The family of a provider id: <c>vertex_ai-*</c> → <c>vertex_ai</c>, <c>bedrock*</c> → <c>bedrock</c>, …</summary>
    public static string Family(string provider)
    {
        var name = provider.Trim().ToLowerInvariant();
        if (name.StartsWith(TextCompletionPrefix, StringComparison.Ordinal))
        {
            name = name[TextCompletionPrefix.Length..];
        }

        var dash = name.IndexOf('-', StringComparison.Ordinal);
        if (dash > 0)
        {
            name = name[..dash];
        }

        if (name.StartsWith("bedrock", StringComparison.Ordinal))
        {
            return "bedrock";
        }

        return name switch
        {
            "azure_text" => "azure",
            "cohere_chat" => "cohere",
            _ => name,
        };
    }

    /// <summary>The families a caller's provider name accepts, best first; empty for no provider (accept any).</summary>
    public static string[] CallerFamilies(string? provider)
    {
        if (string.IsNullOrWhiteSpace(provider))
        {
            return [];
        }

        return CallerAliases.TryGetValue(provider.Trim(), out var families) ? families : [Family(provider)];
    }
}
