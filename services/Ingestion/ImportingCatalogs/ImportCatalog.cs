namespace TokenOptimizer.Ingestion.ImportingCatalogs;

/// <summary>
/// The body of <c>POST /v1/admin/catalog/imports</c>: a newer public price list (LiteLLM's
/// <c>model_prices_and_context_window.json</c> or Langfuse's <c>default-model-prices.json</c>), as the file's text,
/// whose prices apply from <see cref="EffectiveFrom"/> on. With <see cref="DryRun"/> nothing is recorded: the answer says
/// what would change.
/// </summary>
public sealed record ImportCatalog
{
    /// <summary>The file's whole text, e.g. read with <c>jq -Rs</c> or by <c>tokenopt prices import</c>.</summary>
    public string? Content { get; init; }

    /// <summary>The file's name, kept with the import so a reader knows which file it was.</summary>
    public string? FileName { get; init; }

    /// <summary><c>litellm</c> or <c>langfuse</c>; told from the file's shape when omitted.</summary>
    public string? Format { get; init; }

    /// <summary>From when the file's prices apply; may lie in the past (the usage since is re-priced). Default: now.</summary>
    public DateTimeOffset? EffectiveFrom { get; init; }

    public bool DryRun { get; init; }
}
