namespace TokenOptimizer.Ingestion.ReceivingTraces;

/// <summary>
/// The provider names of the GenAI conventions (<c>gen_ai.provider.name</c>, and the older <c>gen_ai.system</c>),
/// spelled as our producers and the model catalog spell them, so a span prices and groups like the same call sent
/// to <c>/v1/usage</c>. A name not listed passes through unchanged.
/// </summary>
internal static class SemanticConventionProviders
{
    private static readonly Dictionary<string, string> CatalogNames = new(StringComparer.OrdinalIgnoreCase)
    {
        ["aws.bedrock"] = "bedrock",
        ["azure.ai.openai"] = "azure",
        ["az.ai.openai"] = "azure",
        ["azure.ai.inference"] = "azure_ai",
        ["az.ai.inference"] = "azure_ai",
        ["gcp.gemini"] = "gemini",
        ["gcp.vertex_ai"] = "vertex_ai",
        ["gcp.gen_ai"] = "google",
        ["ibm.watsonx.ai"] = "watsonx",
        ["mistral_ai"] = "mistral",
        ["x_ai"] = "xai",
    };

    public static string? ToCatalogName(string? provider) =>
        provider is not null && CatalogNames.TryGetValue(provider, out var name) ? name : provider;
}
