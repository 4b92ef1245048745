using TokenOptimizer.UsageLog;

namespace TokenOptimizer.Ingestion.PricingModels;

/// <summary>A custom price as <c>GET /v1/admin/model-prices</c> shows it: per million tokens, as it was typed.</summary>
public sealed record CustomPriceView
{
    public required string PriceVersion { get; init; }

    public string? Provider { get; init; }

    public required string Model { get; init; }

    /// <summary>The catalog entry the price attaches to.</summary>
    public string? CatalogKey { get; init; }

    public required DateTimeOffset EffectiveFrom { get; init; }

    public decimal? InputPerMillionTokens { get; init; }

    public decimal? OutputPerMillionTokens { get; init; }

    public decimal? CachedInputPerMillionTokens { get; init; }

    public decimal? CacheWritePerMillionTokens { get; init; }

    public decimal? ReasoningPerMillionTokens { get; init; }

    public RatesPerMillionTokens? Above200k { get; init; }

    public RatesPerMillionTokens? Batch { get; init; }

    public RatesPerMillionTokens? Flex { get; init; }

    public RatesPerMillionTokens? Priority { get; init; }

    public string? Note { get; init; }

    public string? SetBy { get; init; }

    public required DateTimeOffset SetAt { get; init; }

    public static CustomPriceView From(ModelPriceSet price, string? catalogKey) => new()
    {
        PriceVersion = price.PriceVersion,
        Provider = price.Provider,
        Model = price.Model,
        CatalogKey = catalogKey,
        EffectiveFrom = price.EffectiveFrom,
        InputPerMillionTokens = RatesPerMillionTokens.PerMillion(price.Standard.InputUsd),
        OutputPerMillionTokens = RatesPerMillionTokens.PerMillion(price.Standard.OutputUsd),
        CachedInputPerMillionTokens = RatesPerMillionTokens.PerMillion(price.Standard.CachedInputUsd),
        CacheWritePerMillionTokens = RatesPerMillionTokens.PerMillion(price.Standard.CacheWriteUsd),
        ReasoningPerMillionTokens = RatesPerMillionTokens.PerMillion(price.Standard.ReasoningUsd),
        Above200k = RatesPerMillionTokens.From(price.Above200k),
        Batch = RatesPerMillionTokens.From(price.Batch),
        Flex = RatesPerMillionTokens.From(price.Flex),
        Priority = RatesPerMillionTokens.From(price.Priority),
        Note = price.Note,
        SetBy = price.SetBy,
        SetAt = price.SetAt,
    };
}
