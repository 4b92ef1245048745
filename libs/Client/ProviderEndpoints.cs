namespace TokenOptimizer.Client;

/// <summary>
/// Which provider a call is booked to, from the host of the endpoint it went to. Many providers serve the OpenAI API
/// (and are called with the OpenAI SDK), so the SDK's own name ("openai") says nothing about who bills the call.
/// Keys are host names; a key also matches its subdomains (<c>openai.azure.com</c> matches
/// <c>my-resource.openai.azure.com</c>). Values are the catalog's provider ids.
/// </summary>
public sealed class ProviderEndpoints
{
    private readonly Dictionary<string, string> _providersByHost;

    /// <summary>A table of <paramref name="providersByHost"/> alone.</summary>
    public ProviderEndpoints(IEnumerable<KeyValuePair<string, string>> providersByHost)
    {
        ArgumentNullException.ThrowIfNull(providersByHost);
        _providersByHost = new Dictionary<string, string>(providersByHost, StringComparer.OrdinalIgnoreCase);
    }

    /// <summary>The hosted APIs known out of the box, named as the price catalog names their providers.</summary>
    public static IReadOnlyDictionary<string, string> KnownHosts { get; } = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase)
    {
        ["api.openai.com"] = "openai",
        ["openai.azure.com"] = "azure",
        ["api.anthropic.com"] = "anthropic",
        ["api.mistral.ai"] = "mistral",
        ["api.groq.com"] = "groq",
        ["api.deepseek.com"] = "deepseek",
        ["api.together.xyz"] = "together_ai",
        ["openrouter.ai"] = "openrouter",
        ["api.x.ai"] = "xai",
        ["generativelanguage.googleapis.com"] = "gemini",
        ["api.fireworks.ai"] = "fireworks_ai",
        ["api.perplexity.ai"] = "perplexity",
    };

    /// <summary>The known hosts, to which an application adds its own (a gateway, a self-hosted model) with <see cref="Add"/>.</summary>
    public static ProviderEndpoints Default() => new(KnownHosts);

    /// <summary>Books calls to <paramref name="host"/> (and its subdomains) to <paramref name="provider"/>.</summary>
    public ProviderEndpoints Add(string host, string provider)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(host);
        ArgumentException.ThrowIfNullOrWhiteSpace(provider);
        _providersByHost[host.Trim()] = provider.Trim();
        return this;
    }

    /// <summary>The provider of calls to <paramref name="endpoint"/>; null for a host not in the table.</summary>
    public string? ProviderOf(Uri? endpoint)
    {
        if (endpoint is not { IsAbsoluteUri: true })
        {
            return null;
        }

        // The longest matching suffix wins: a.b.example.com before example.com.
        for (var host = endpoint.Host; host.Length > 0; host = ParentOf(host))
        {
            if (_providersByHost.TryGetValue(host, out var provider))
            {
                return provider;
            }
        }

        return null;
    }

    private static string ParentOf(string host)
    {
        var dot = host.IndexOf('.', StringComparison.Ordinal);
        return dot < 0 ? "" : host[(dot + 1)..];
    }
}
