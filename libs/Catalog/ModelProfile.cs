namespace TokenOptimizer.Catalog;

/// <summary>
/// What a recommendation needs to know about one catalog key besides its usage: limits, capabilities,
/// price terms and quality per task kind. Built by <see cref="ModelProfiles"/>.
/// </summary>
public sealed record ModelProfile
{
    /// <summary>The catalog key, e.g. <c>gpt-4o</c> or <c>gemini/gemini-2.5-flash</c>.</summary>
    public required string Key { get; init; }

    /// <summary>
    /// The provider family that serves the key, e.g. <c>openai</c>, <c>anthropic</c>, <c>gemini</c>,
    /// <c>vertex_ai</c> (for LiteLLM's <c>vertex_ai-language-models</c>); empty if the entry names no provider.
    /// </summary>
    public required string Provider { get; init; }

    /// <summary>
    /// The model id to send to the provider's API: the key without a leading <see cref="Provider"/> prefix
    /// (<c>gemini/gemini-2.5-flash</c> → <c>gemini-2.5-flash</c>).
    /// </summary>
    public required string Model { get; init; }

    /// <summary>The call type as the catalog states it, e.g. <c>chat</c>; <see langword="null"/> if not stated.</summary>
    public string? Mode { get; init; }

    /// <summary>The model's family from the quality data (see <see cref="ModelQualityEntry.Family"/>); <see langword="null"/> if unscored.</summary>
    public string? Family { get; init; }

    /// <summary>The model's tier from the quality data (see <see cref="ModelQualityEntry.Tier"/>), if stated.</summary>
    public string? Tier { get; init; }

    /// <summary>The context window (maximum prompt) in tokens, if the catalog states it.</summary>
    public int? ContextWindow { get; init; }

    /// <summary>The maximum completion length in tokens, if the catalog states it.</summary>
    public int? MaxOutputTokens { get; init; }

    /// <summary>What the model supports, as the catalog states it.</summary>
    public ModelCapabilities Capabilities { get; init; }

    /// <summary>The price in force at the instant the profiles were built for; <see langword="null"/> if none yet.</summary>
    public ModelPrice? Price { get; init; }

    /// <summary>
    /// The fraction of the standard price the batch tier saves, e.g. <c>0.5</c> for half price, from the input
    /// rates (the output rates where the input rates are not both stated); <see langword="null"/> if the catalog
    /// states no cheaper batch rate.
    /// </summary>
    public decimal? BatchDiscount { get; init; }

    /// <summary>Whether the provider offers a cheaper batch tier for the model (see <see cref="BatchDiscount"/>).</summary>
    public bool HasBatchDiscount => BatchDiscount is not null;

    /// <summary>
    /// Whether the provider caches prompts for the model: the catalog flags it, or states a cached-input rate
    /// (<see cref="TokenRates.CacheRead"/> of <see cref="Price"/>).
    /// </summary>
    public bool SupportsPromptCaching { get; init; }

    /// <summary>The quality score per task kind (keys are <see cref="TaskKinds"/> values, case-insensitive); empty if unscored.</summary>
    public required IReadOnlyDictionary<string, QualityScore> Quality { get; init; }
}
