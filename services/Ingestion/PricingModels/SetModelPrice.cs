using TokenOptimizer.UsageLog;

namespace TokenOptimizer.Ingestion.PricingModels;

/// <summary>
/// The body of <c>POST /v1/admin/model-prices</c>: a price per million tokens for a model from an
/// instant on (which may lie in the past), with optional tiers. With <see cref="DryRun"/> nothing is
/// recorded: the answer says which records the price would change and by how much.
/// </summary>
public sealed record SetModelPrice
{
    /// <summary>The provider, e.g. <c>azure</c>; omitted for the model under any provider.</summary>
    public string? Provider { get; init; }

    public string? Model { get; init; }

    public DateTimeOffset? EffectiveFrom { get; init; }

    public decimal? InputPerMillionTokens { get; init; }

    public decimal? OutputPerMillionTokens { get; init; }

    /// <summary>Cache reads; the input rate when omitted.</summary>
    public decimal? CachedInputPerMillionTokens { get; init; }

    /// <summary>Cache writes; the input rate when omitted.</summary>
    public decimal? CacheWritePerMillionTokens { get; init; }

    /// <summary>Reasoning tokens; the output rate when omitted.</summary>
    public decimal? ReasoningPerMillionTokens { get; init; }

    /// <summary>Rates for every token of a call whose prompt exceeds 200,000 tokens; each omitted rate keeps the standard one.</summary>
    public RatesPerMillionTokens? Above200k { get; init; }

    public RatesPerMillionTokens? Batch { get; init; }

    public RatesPerMillionTokens? Flex { get; init; }

    public RatesPerMillionTokens? Priority { get; init; }

    public string? Note { get; init; }

    public bool DryRun { get; init; }

    /// <summary>The price this request sets, under <paramref name="priceVersion"/>. Call on a validated request only.</summary>
    public ModelPriceSet ToPrice(string priceVersion, DateTimeOffset setAt) => new()
    {
        PriceVersion = priceVersion,
        Provider = string.IsNullOrWhiteSpace(Provider) ? null : Provider.Trim(),
        Model = Model!.Trim(),
        EffectiveFrom = EffectiveFrom!.Value,
        Standard = new RatesPerMillionTokens
        {
            InputPerMillionTokens = InputPerMillionTokens,
            OutputPerMillionTokens = OutputPerMillionTokens,
            CachedInputPerMillionTokens = CachedInputPerMillionTokens,
            CacheWritePerMillionTokens = CacheWritePerMillionTokens,
            ReasoningPerMillionTokens = ReasoningPerMillionTokens,
        }.ToPerToken(),
        Above200k = Above200k?.ToPerToken(),
        Batch = Batch?.ToPerToken(),
        Flex = Flex?.ToPerToken(),
        Priority = Priority?.ToPerToken(),
        Note = string.IsNullOrWhiteSpace(Note) ? null : Note.Trim(),
        SetAt = setAt,
    };
}
