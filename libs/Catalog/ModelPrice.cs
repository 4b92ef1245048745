namespace TokenOptimizer.Catalog;

/// <summary>
/// One dated version of a model's prices. A model's price history is a list of these; the version in
/// force at an instant is the latest one whose <see cref="EffectiveFrom"/> is not after it.
/// </summary>
public sealed record ModelPrice
{
    /// <summary>
    /// Names where the price came from, e.g. <c>litellm@0435375b:gpt-4o</c> for the shipped snapshot or a
    /// caller-chosen <c>custom:3</c>. Stored with every priced record so a cost can be traced to its price.
    /// </summary>
    public required string Version { get; init; }

    /// <summary>
    /// The public source the price comes from, <c>litellm</c> or <c>langfuse</c> (see <c>Data/README.md</c> for which wins
    /// where both know a model), or <c>custom</c> for an administrator's price.
    /// </summary>
    public string? Source { get; init; }

    /// <summary>The instant from which this price applies.</summary>
    public required DateTimeOffset EffectiveFrom { get; init; }

    /// <summary>Rates for the standard service tier and a prompt within the base context tier.</summary>
    public required TokenRates Standard { get; init; }

    /// <summary>Rates for every token of a call whose prompt exceeds 200,000 tokens, when they differ.</summary>
    public TokenRates? Above200k { get; init; }

    /// <summary>Rates for every token of a call whose prompt exceeds 128,000 tokens, when they differ.</summary>
    public TokenRates? Above128k { get; init; }

    /// <summary>Rates for the batch service tier, where they differ from <see cref="Standard"/>.</summary>
    public TokenRates? Batch { get; init; }

    /// <summary>Rates for the flex service tier, where they differ from <see cref="Standard"/>.</summary>
    public TokenRates? Flex { get; init; }

    /// <summary>Rates for the priority service tier, where they differ from <see cref="Standard"/>.</summary>
    public TokenRates? Priority { get; init; }

    internal bool HasNegativeRate =>
        Standard.HasNegativeRate
        || Above200k?.HasNegativeRate == true
        || Above128k?.HasNegativeRate == true
        || Batch?.HasNegativeRate == true
        || Flex?.HasNegativeRate == true
        || Priority?.HasNegativeRate == true;
}
