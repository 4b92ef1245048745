using System.Globalization;
using TokenOptimizer.Catalog;
using TokenOptimizer.UsageLog;

namespace TokenOptimizer.Ingestion.PricingModels;

/// <summary>
/// A change to the price list that re-prices recorded usage: a custom price (<see cref="ModelPriceSet"/>), a model
/// alias (<see cref="ModelAliasSet"/>) or an imported catalog (<see cref="CatalogImported"/>). Each is stored in the price
/// stream, dated, and re-prices the calls it now covers.
/// </summary>
public sealed record PriceChange
{
    private PriceChange()
    {
    }

    /// <summary>The stored event, as appended to the price stream.</summary>
    public required object Event { get; init; }

    /// <summary><c>custom:&lt;n&gt;</c>, <c>alias:&lt;n&gt;</c> or <c>import:&lt;n&gt;</c>.</summary>
    public required string Version { get; init; }

    public string? Provider { get; init; }

    /// <summary>The model names recorded calls report: a price's model, an alias's deployment name, an import's models.</summary>
    public required IReadOnlyList<string> ReportedModels { get; init; }

    public required DateTimeOffset EffectiveFrom { get; init; }

    public required DateTimeOffset SetAt { get; init; }

    /// <summary>What a re-priced call's <see cref="UsageRepriced.Reason"/> says.</summary>
    public required string Reason { get; init; }

    /// <summary>Whether this change is what priced a call: its price (one of an import's) was used, or its alias named the model.</summary>
    public bool Covers(PricingResult result) => Event switch
    {
        ModelAliasSet => result.AliasVersion == Version,
        CatalogImported => result.IsPriced && result.PriceVersion?.StartsWith(Version + ":", StringComparison.Ordinal) == true,
        _ => result.IsPriced && result.PriceVersion == Version,
    };

    public static PriceChange Of(ModelPriceSet price) => new()
    {
        Event = price,
        Version = price.PriceVersion,
        Provider = price.Provider,
        ReportedModels = [price.Model],
        EffectiveFrom = price.EffectiveFrom,
        SetAt = price.SetAt,
        Reason = $"custom price {price.PriceVersion} for {Qualified(price.Provider, price.Model)} from {Shown(price.EffectiveFrom)}",
    };

    public static PriceChange Of(ModelAliasSet alias) => new()
    {
        Event = alias,
        Version = alias.AliasVersion,
        Provider = alias.Provider,
        ReportedModels = [alias.Alias],
        EffectiveFrom = alias.EffectiveFrom,
        SetAt = alias.SetAt,
        Reason = $"model alias {alias.AliasVersion}: {Qualified(alias.Provider, alias.Alias)} is {alias.Model} from {Shown(alias.EffectiveFrom)}",
    };

    public static PriceChange Of(CatalogImported import) => new()
    {
        Event = import,
        Version = import.ImportVersion,
        ReportedModels = [.. import.Prices.Select(p => p.Model)],
        EffectiveFrom = import.EffectiveFrom,
        SetAt = import.ImportedAt,
        Reason = $"catalog import {import.ImportVersion} of {import.FileName} ({import.Format}) from {Shown(import.EffectiveFrom)}",
    };

    private static string Qualified(string? provider, string model) => provider is null ? model : $"{provider}/{model}";

    // A date alone when the change starts at midnight UTC, e.g. 2026-06-01.
    private static string Shown(DateTimeOffset at) => at.UtcDateTime.TimeOfDay == TimeSpan.Zero
        ? at.UtcDateTime.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)
        : at.ToString("O", CultureInfo.InvariantCulture);
}
