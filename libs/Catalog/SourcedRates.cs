namespace TokenOptimizer.Catalog;

/// <summary>A public source's standard rates for a model, e.g. Langfuse's where the catalog's price is LiteLLM's and differs.</summary>
public sealed record SourcedRates
{
    /// <summary>The source, e.g. <c>langfuse</c>.</summary>
    public required string Source { get; init; }

    /// <summary>The source's version of the price, e.g. <c>langfuse@62751446:gpt-4o</c>.</summary>
    public required string Version { get; init; }

    /// <summary>The standard-tier rates that source states.</summary>
    public required TokenRates Rates { get; init; }
}
