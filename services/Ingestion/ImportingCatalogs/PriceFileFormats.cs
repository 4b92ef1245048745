namespace TokenOptimizer.Ingestion.ImportingCatalogs;

/// <summary>The public price list formats an import reads; each is also the source its prices name.</summary>
public static class PriceFileFormats
{
    /// <summary>LiteLLM's <c>model_prices_and_context_window.json</c>: an object keyed by model.</summary>
    public const string LiteLlm = "litellm";

    /// <summary>Langfuse's <c>default-model-prices.json</c>: an array of models with pricing tiers.</summary>
    public const string Langfuse = "langfuse";

    public static readonly IReadOnlyList<string> All = [LiteLlm, Langfuse];
}
