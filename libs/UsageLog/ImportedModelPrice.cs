namespace TokenOptimizer.UsageLog;

/// <summary>One model's rates in a <see cref="CatalogImported"/>, per token and tier, as the file states them.</summary>
public sealed record ImportedModelPrice
{
    /// <summary>The catalog key, as the file names the model, e.g. <c>gpt-4o</c> or <c>azure/gpt-4o</c>.</summary>
    public required string Model { get; init; }

    /// <summary>The provider as the file states it, e.g. <c>openai</c>.</summary>
    public required string Provider { get; init; }

    /// <summary>The call type, e.g. <c>chat</c>, if the file states it.</summary>
    public string? Mode { get; init; }

    /// <summary>Rates for the standard service tier.</summary>
    public required PerTokenRates Standard { get; init; }

    /// <summary>Rates for every token of a call whose prompt exceeds 200,000 tokens, when they differ.</summary>
    public PerTokenRates? Above200k { get; init; }

    /// <summary>Rates for every token of a call whose prompt exceeds 128,000 tokens, when they differ.</summary>
    public PerTokenRates? Above128k { get; init; }

    /// <summary>Rates for the batch service tier, when they differ.</summary>
    public PerTokenRates? Batch { get; init; }

    /// <summary>Rates for the flex service tier, when they differ.</summary>
    public PerTokenRates? Flex { get; init; }

    /// <summary>Rates for the priority service tier, when they differ.</summary>
    public PerTokenRates? Priority { get; init; }
}
