namespace TokenOptimizer.Catalog;

/// <summary>
/// A price an administrator sets for a model, e.g. a negotiated discount or a model the shipped catalog
/// lacks. Its <see cref="ModelPrice.EffectiveFrom"/> may lie in the past; from that instant on it takes
/// precedence over shipped prices of the same or an earlier date.
/// </summary>
public sealed record CustomModelPrice
{
    /// <summary>The provider, e.g. <c>azure</c>; <see langword="null"/> to match the model under any provider.</summary>
    public string? Provider { get; init; }

    /// <summary>
    /// The model, e.g. <c>gpt-4o</c>. It attaches to the catalog entry it names exactly (after case folding
    /// and provider-prefix stripping, but never to a family or fine-tune base); a model the catalog does
    /// not know becomes a new entry.
    /// </summary>
    public required string Model { get; init; }

    /// <summary>The rates, with the caller's version string (e.g. <c>custom:3</c>) and effective date.</summary>
    public required ModelPrice Price { get; init; }
}
