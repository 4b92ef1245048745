using System.Globalization;
using TokenOptimizer.Catalog;
using TokenOptimizer.UsageLog;

namespace TokenOptimizer.Ingestion.PricingModels;

/// <summary>
/// A change to the price list that re-prices recorded usage: a custom price (<see cref="ModelPriceSet"/>) or a model
/// alias (<see cref="ModelAliasSet"/>). Both are stored in the price stream, dated, and re-price the calls they now cover.
/// </summary>
public sealed record PriceChange
{
    private PriceChange()
    {
    }

    /// <summary>The stored event, as appended to the price stream.</summary>
    public required object Event { get; init; }

    /// <summary><c>custom:&lt;n&gt;</c> or <c>alias:&lt;n&gt;</c>.</summary>
    public required string Version { get; init; }

    public string? Provider { get; init; }

    /// <summary>The model name recorded calls report: a price's model, an alias's deployment name.</summary>
    public required string ReportedModel { get; init; }

    public required DateTimeOffset EffectiveFrom { get; init; }

    public required DateTimeOffset SetAt { get; init; }

    /// <summary>What a re-priced call's <see cref="UsageRepriced.Reason"/> says.</summary>
    public required string Reason { get; init; }

    private bool IsAlias => Event is ModelAliasSet;

    /// <summary>Whether this change is what priced a call: its price was used, or its alias named the model.</summary>
    public bool Covers(PricingResult result) => IsAlias ? result.AliasVersion == Version : result.IsPriced && result.PriceVersion == Version;

    public static PriceChange Of(ModelPriceSet price) => new()
    {
        Event = price,
        Version = price.PriceVersion,
        Provider = price.Provider,
        ReportedModel = price.Model,
        EffectiveFrom = price.EffectiveFrom,
        SetAt = price.SetAt,
        Reason = $"custom price {price.PriceVersion} for {Qualified(price.Provider, price.Model)} from {Shown(price.EffectiveFrom)}",
    };

    public static PriceChange Of(ModelAliasSet alias) => new()
    {
        Event = alias,
        Version = alias.AliasVersion,
        Provider = alias.Provider,
        ReportedModel = alias.Alias,
        EffectiveFrom = alias.EffectiveFrom,
        SetAt = alias.SetAt,
        Reason = $"model alias {alias.AliasVersion}: {Qualified(alias.Provider, alias.Alias)} is {alias.Model} from {Shown(alias.EffectiveFrom)}",
    };

    private static string Qualified(string? provider, string model) => provider is null ? model : $"{provider}/{model}";

    // A date alone when the change starts at midnight UTC, e.g. 2026-06-01.
    private static string Shown(DateTimeOffset at) => at.UtcDateTime.TimeOfDay == TimeSpan.Zero
        ? at.UtcDateTime.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)
        : at.ToString("O", CultureInfo.InvariantCulture);
}
