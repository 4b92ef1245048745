namespace TokenOptimizer.Catalog.Tests;

/// <summary>The shipped catalog and a request builder shared by the pricing tests.</summary>
internal static class Pricing
{
    public static readonly DateTimeOffset SomeDay = new(2026, 3, 1, 12, 0, 0, TimeSpan.Zero);

    public static ModelCatalog Shipped => ModelCatalog.LoadDefault();

    public static PricingRequest Request(string provider, string model) =>
        new() { Provider = provider, Model = model, OccurredAt = SomeDay };

    public static PricingResult Price(PricingRequest request, ModelCatalog? catalog = null) =>
        new CostCalculator(catalog ?? Shipped).Price(request);

    public static CostBreakdown PricedCost(PricingRequest request, ModelCatalog? catalog = null)
    {
        var result = Price(request, catalog);
        Assert.True(result.IsPriced, result.UnpricedReason);
        return result.Cost;
    }
}
