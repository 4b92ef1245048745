namespace TokenOptimizer.UsageLog;

/// <summary>
/// An administrator imported a public price list (a newer LiteLLM or Langfuse file) from an instant on. Stored in
/// <see cref="UsageStreams.ModelPrices"/> beside the custom prices and aliases. It holds only what the file changes: the
/// models it adds and those whose rates differ from the public price in force; models the file lacks keep their prices.
/// Each price's version is <c>&lt;ImportVersion&gt;:&lt;model&gt;</c>, so usage it re-prices names the import.
/// </summary>
public sealed record CatalogImported
{
    /// <summary><c>import:&lt;n&gt;</c>, where n is its position in the stream.</summary>
    public required string ImportVersion { get; init; }

    /// <summary>The file's format: <c>litellm</c> or <c>langfuse</c>; the source every price of it names.</summary>
    public required string Format { get; init; }

    /// <summary>The file's name as the administrator gave it, e.g. <c>model_prices_and_context_window.json</c>.</summary>
    public required string FileName { get; init; }

    /// <summary>The SHA-256 of the file's bytes, lower-case hex: which file this was, whatever its name.</summary>
    public required string Sha256 { get; init; }

    /// <summary>The instant from which the file's prices apply; it may lie in the past.</summary>
    public required DateTimeOffset EffectiveFrom { get; init; }

    /// <summary>The new and changed prices, one per catalog key.</summary>
    public required IReadOnlyList<ImportedModelPrice> Prices { get; init; }

    /// <summary>Who imported it, once the API knows its callers; <see langword="null"/> until then.</summary>
    public string? SetBy { get; init; }

    /// <summary>When it was imported.</summary>
    public required DateTimeOffset ImportedAt { get; init; }
}
