namespace TokenOptimizer.UsageLog;

/// <summary>
/// An administrator set a price for a model from an instant on, e.g. a negotiated rate or the price of a
/// model the shipped catalog lacks. Stored in <see cref="UsageStreams.ModelPrices"/>; the prices in force
/// are the shipped catalog plus every one of these in stream order, a later one for the same model and
/// instant replacing an earlier one. Usage it changes gets a <see cref="UsageRepriced"/> naming
/// <see cref="PriceVersion"/>.
/// </summary>
public sealed record ModelPriceSet
{
    /// <summary>The price's version, <c>custom:&lt;n&gt;</c> where n is its position in the stream; priced usage names it.</summary>
    public required string PriceVersion { get; init; }

    /// <summary>The provider, e.g. <c>azure</c>; <see langword="null"/> for the model under any provider.</summary>
    public string? Provider { get; init; }

    /// <summary>The model, e.g. <c>gpt-4o</c>.</summary>
    public required string Model { get; init; }

    /// <summary>The instant from which the price applies; it may lie in the past.</summary>
    public required DateTimeOffset EffectiveFrom { get; init; }

    /// <summary>The rates for the standard service tier.</summary>
    public required PerTokenRates Standard { get; init; }

    /// <summary>The rates for every token of a call whose prompt exceeds 200,000 tokens, when they differ.</summary>
    public PerTokenRates? Above200k { get; init; }

    /// <summary>The rates for the batch service tier, when they differ.</summary>
    public PerTokenRates? Batch { get; init; }

    /// <summary>The rates for the flex service tier, when they differ.</summary>
    public PerTokenRates? Flex { get; init; }

    /// <summary>The rates for the priority service tier, when they differ.</summary>
    public PerTokenRates? Priority { get; init; }

    /// <summary>Why the price was set, e.g. <c>2026 enterprise agreement</c>.</summary>
    public string? Note { get; init; }

    /// <summary>Who set it, once the API knows its callers; <see langword="null"/> until then.</summary>
    public string? SetBy { get; init; }

    /// <summary>When it was set.</summary>
    public required DateTimeOffset SetAt { get; init; }
}
