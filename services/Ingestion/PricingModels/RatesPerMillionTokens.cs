using TokenOptimizer.UsageLog;

namespace TokenOptimizer.Ingestion.PricingModels;

/// <summary>
/// USD per million tokens, as an administrator types them from a rate card. Stored per token, divided
/// exactly (the validator keeps the digits within what <see langword="decimal"/> holds).
/// </summary>
public sealed record RatesPerMillionTokens
{
    public decimal? InputPerMillionTokens { get; init; }

    public decimal? OutputPerMillionTokens { get; init; }

    public decimal? CachedInputPerMillionTokens { get; init; }

    public decimal? CacheWritePerMillionTokens { get; init; }

    public decimal? ReasoningPerMillionTokens { get; init; }

    public PerTokenRates ToPerToken() => new()
    {
        InputUsd = PerToken(InputPerMillionTokens),
        OutputUsd = PerToken(OutputPerMillionTokens),
        CachedInputUsd = PerToken(CachedInputPerMillionTokens),
        CacheWriteUsd = PerToken(CacheWritePerMillionTokens),
        ReasoningUsd = PerToken(ReasoningPerMillionTokens),
    };

    public static RatesPerMillionTokens? From(PerTokenRates? rates) => rates is null
        ? null
        : new RatesPerMillionTokens
        {
            InputPerMillionTokens = PerMillion(rates.InputUsd),
            OutputPerMillionTokens = PerMillion(rates.OutputUsd),
            CachedInputPerMillionTokens = PerMillion(rates.CachedInputUsd),
            CacheWritePerMillionTokens = PerMillion(rates.CacheWriteUsd),
            ReasoningPerMillionTokens = PerMillion(rates.ReasoningUsd),
        };

    internal const decimal TokensPerMillion = 1_000_000m;

    internal static decimal? PerToken(decimal? perMillion) => perMillion is { } value ? WithoutTrailingZeros(value / TokensPerMillion) : null;

    internal static decimal? PerMillion(decimal? perToken) => perToken is { } value ? WithoutTrailingZeros(value * TokensPerMillion) : null;

    // 0.0000025 × 1,000,000 is 2.5000000 to decimal; show what the admin typed.
    private static decimal WithoutTrailingZeros(decimal value) => value / 1.000000000000000000000000000000000m;
}
