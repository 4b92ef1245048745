using System.Diagnostics.CodeAnalysis;

namespace TokenOptimizer.Catalog;

/// <summary>
/// What a call cost, or why it could not be priced. An unpriced call has no cost at all: it is never
/// reported as $0.
/// </summary>
public sealed record PricingResult
{
    private PricingResult()
    {
    }

    /// <summary>Whether the call was priced; if so <see cref="Cost"/>, <see cref="CatalogKey"/> and <see cref="PriceVersion"/> are set.</summary>
    [MemberNotNullWhen(true, nameof(Cost), nameof(CatalogKey), nameof(PriceVersion))]
    [MemberNotNullWhen(false, nameof(UnpricedReason))]
    public bool IsPriced { get; private init; }

    /// <summary>The catalog key the model resolved to, if it resolved.</summary>
    public string? CatalogKey { get; private init; }

    /// <summary>The <see cref="ModelPrice.Version"/> of the price used.</summary>
    public string? PriceVersion { get; private init; }

    /// <summary>The cost, for a priced call.</summary>
    public CostBreakdown? Cost { get; private init; }

    /// <summary>The <see cref="ModelAlias.Version"/> of the alias that named the model priced, if one did.</summary>
    public string? AliasVersion { get; private init; }

    /// <summary>Why the call is unpriced, e.g. <c>unknown model 'x' for provider 'y'</c>.</summary>
    public string? UnpricedReason { get; private init; }

    /// <summary>A priced call.</summary>
    public static PricingResult Priced(string catalogKey, string priceVersion, CostBreakdown cost, string? aliasVersion = null) =>
        new() { IsPriced = true, CatalogKey = catalogKey, PriceVersion = priceVersion, Cost = cost, AliasVersion = aliasVersion };

    /// <summary>An unpriced call.</summary>
    public static PricingResult Unpriced(string reason, string? catalogKey = null, string? aliasVersion = null) =>
        new() { IsPriced = false, UnpricedReason = reason, CatalogKey = catalogKey, AliasVersion = aliasVersion };
}
