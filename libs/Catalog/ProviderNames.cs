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

    // Gateways that put their own name in front of a provider's model name and that the catalog prices nothing under;
    // the gateways it does price (openrouter, vercel_ai_gateway, …) are known from the catalog itself.
    private static readonly FrozenSet<string> Gateways = new[] { "litellm_proxy", "litellm", "portkey", "helicone" }
        .ToFrozenSet(StringComparer.OrdinalIgnoreCase);

    /// <summary>Whether a name is a caller's spelling of a provider or a gateway, beyond the catalog's own provider ids.</summary>
    public static bool IsAliasOrGateway(string name) => CallerAliases.ContainsKey(name) || Gateways.Contains(name);

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
