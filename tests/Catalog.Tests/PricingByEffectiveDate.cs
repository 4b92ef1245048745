using static TokenOptimizer.Catalog.Tests.Pricing;

namespace TokenOptimizer.Catalog.Tests;

public class PricingByEffectiveDate
{
    private static readonly DateTimeOffset June1 = new(2026, 6, 1, 0, 0, 0, TimeSpan.Zero);

    private static CustomModelPrice Custom(string? provider, string model, DateTimeOffset from, string version, decimal input, decimal output) => new()
    {
        Provider = provider,
        Model = model,
        Price = new ModelPrice
        {
            Version = version,
            EffectiveFrom = from,
            Standard = new TokenRates { Input = input, Output = output },
        },
    };

    [Fact]
    public void CustomPrice_AppliesFromItsEffectiveDate()
    {
        // Given a custom gpt-4o price from 2026-06-01: input 5e-06, output 2e-05
        var catalog = Shipped.WithCustomPrice(Custom("openai", "gpt-4o", June1, "custom:3", 0.000005m, 0.00002m));
        var call = Request("openai", "gpt-4o") with { InputTokens = 1_000, OutputTokens = 1_000 };

        // When priced just before and at the effective instant
        var before = Price(call with { OccurredAt = June1.AddSeconds(-1) }, catalog);
        var from = Price(call with { OccurredAt = June1 }, catalog);

        // Then the day before uses the shipped price: 1,000 × 0.0000025 + 1,000 × 0.00001 = 0.0125
        Assert.Equal("litellm@0435375b:gpt-4o", before.PriceVersion);
        Assert.Equal(0.0125m, before.Cost!.Total);
        // and from June 1 the custom one: 1,000 × 0.000005 + 1,000 × 0.00002 = 0.025
        Assert.Equal("custom:3", from.PriceVersion);
        Assert.Equal(0.025m, from.Cost!.Total);
    }

    [Fact]
    public void WithCustomPrice_LeavesTheOriginalCatalogUnchanged()
    {
        var original = Shipped;
        _ = original.WithCustomPrice(Custom("openai", "gpt-4o", DateTimeOffset.MinValue, "custom:1", 1m, 1m));

        Assert.Equal("litellm@0435375b:gpt-4o", Price(Request("openai", "gpt-4o"), original).PriceVersion);
    }

    [Fact]
    public void CustomPrice_BeatsAShippedPriceOfTheSameDate()
    {
        var catalog = Shipped.WithCustomPrice(Custom(null, "gpt-4o", DateTimeOffset.MinValue, "custom:1", 0.000001m, 0.000002m));

        Assert.Equal("custom:1", Price(Request("openai", "gpt-4o"), catalog).PriceVersion);
    }

    [Fact]
    public void SeveralCustomPrices_TheLatestInForceWins()
    {
        var catalog = Shipped
            .WithCustomPrice(Custom("openai", "gpt-4o", new(2026, 3, 1, 0, 0, 0, TimeSpan.Zero), "custom:2", 0.000002m, 0.000008m))
            .WithCustomPrice(Custom("openai", "gpt-4o", new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero), "custom:1", 0.000001m, 0.000004m));

        string? VersionOn(int year, int month) =>
            Price(Request("openai", "gpt-4o") with { OccurredAt = new(year, month, 15, 0, 0, 0, TimeSpan.Zero) }, catalog).PriceVersion;

        Assert.Equal("litellm@0435375b:gpt-4o", VersionOn(2025, 12));
        Assert.Equal("custom:1", VersionOn(2026, 2));
        Assert.Equal("custom:2", VersionOn(2026, 4));
    }

    [Fact]
    public void CustomPrice_MissingRates_FallBackWithinTheCustomPrice()
    {
        // The custom price states no cache-read rate: cached tokens fall back to its input rate (5e-06),
        // not to the shipped cache-read rate. 1,000 cached × 0.000005 = 0.005
        var catalog = Shipped.WithCustomPrice(Custom("openai", "gpt-4o", DateTimeOffset.MinValue, "custom:1", 0.000005m, 0.00002m));

        var cost = PricedCost(Request("openai", "gpt-4o") with { InputTokens = 1_000, CachedInputTokens = 1_000 }, catalog);

        Assert.Equal(0.005m, cost.CachedInput);
    }

    [Fact]
    public void CustomPriceForAnotherProvider_DoesNotChangeThisOne()
    {
        var catalog = Shipped.WithCustomPrice(Custom("azure", "gpt-4o", DateTimeOffset.MinValue, "custom:azure", 1m, 1m));

        Assert.Equal("custom:azure", Price(Request("azure", "gpt-4o"), catalog).PriceVersion);
        Assert.Equal("litellm@0435375b:gpt-4o", Price(Request("openai", "gpt-4o"), catalog).PriceVersion);
    }

    [Fact]
    public void CustomPriceForAnUnknownModel_MakesItPriceable()
    {
        // 1,000 × 0.000001 + 1,000 × 0.000002 = 0.003
        var catalog = Shipped.WithCustomPrice(Custom("acme", "acme-llm-1", June1, "custom:7", 0.000001m, 0.000002m));
        var call = Request("acme", "acme-llm-1") with { InputTokens = 1_000, OutputTokens = 1_000, OccurredAt = June1 };

        var result = Price(call, catalog);

        Assert.Equal("acme/acme-llm-1", result.CatalogKey);
        Assert.Equal(0.003m, result.Cost!.Total);
        Assert.NotNull(catalog.Find("acme/acme-llm-1"));
        Assert.Contains(catalog.Models, m => m.Key == "acme/acme-llm-1");
        Assert.Null(Shipped.Find("acme/acme-llm-1"));
    }

    [Fact]
    public void CallBeforeTheOnlyPrice_IsUnpriced()
    {
        var catalog = Shipped.WithCustomPrice(Custom("acme", "acme-llm-1", June1, "custom:7", 0.000001m, 0.000002m));

        var result = Price(Request("acme", "acme-llm-1") with { OccurredAt = June1.AddDays(-1) }, catalog);

        Assert.False(result.IsPriced);
        Assert.Equal("acme/acme-llm-1", result.CatalogKey);
        Assert.Null(result.Cost);
    }

    [Fact]
    public void NegativeCustomRate_IsRejected()
    {
        Assert.Throws<ArgumentException>(() =>
            Shipped.WithCustomPrice(Custom("openai", "gpt-4o", June1, "custom:bad", -0.000001m, 0m)));
    }
}
