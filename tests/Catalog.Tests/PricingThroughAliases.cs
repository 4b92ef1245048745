using static TokenOptimizer.Catalog.Tests.Pricing;

namespace TokenOptimizer.Catalog.Tests;

public class PricingThroughAliases
{
    private static readonly DateTimeOffset February = new(2026, 2, 1, 0, 0, 0, TimeSpan.Zero);

    // prod-chat was gpt-4o-2024-08-06 from 1 February, then gpt-4o-mini from 1 March (SomeDay, 1 March 12:00, is after both).
    private static readonly ModelCatalog Aliased = Shipped
        .WithAlias(new ModelAlias { Provider = "azure", Name = "prod-chat", Model = "gpt-4o-2024-08-06", EffectiveFrom = February, Version = "alias:1" })
        .WithAlias(new ModelAlias { Provider = "azure", Name = "prod-chat", Model = "gpt-4o-mini", EffectiveFrom = SomeDay.AddHours(-12), Version = "alias:2" });

    [Fact]
    public void DeploymentName_IsPricedAsTheModelItsAliasInForceNames()
    {
        // 15 February: alias:1, azure/gpt-4o-2024-08-06 at 2.5e-06 in, 1e-05 out: 1,000 × 0.0000025 + 500 × 0.00001 = 0.0075
        var february = Price(Request("azure", "PROD-CHAT") with { OccurredAt = February.AddDays(14), InputTokens = 1_000, OutputTokens = 500 }, Aliased);
        // 1 March: alias:2, azure/gpt-4o-mini at 1.65e-07 in, 6.6e-07 out: 1,000 × 0.000000165 + 500 × 0.00000066 = 0.000165 + 0.00033 = 0.000495
        var march = Price(Request("azure", "prod-chat") with { InputTokens = 1_000, OutputTokens = 500 }, Aliased);

        Assert.Equal(("azure/gpt-4o-2024-08-06", "alias:1", 0.0075m), (february.CatalogKey, february.AliasVersion, february.Cost!.Total));
        Assert.Equal(("azure/gpt-4o-mini", "alias:2", 0.000495m), (march.CatalogKey, march.AliasVersion, march.Cost!.Total));
    }

    [Fact]
    public void CallBeforeTheFirstAlias_StaysUnpriced()
    {
        var result = Price(Request("azure", "prod-chat") with { OccurredAt = February.AddTicks(-1), InputTokens = 1 }, Aliased);

        Assert.False(result.IsPriced);
        Assert.Null(result.AliasVersion);
    }

    [Fact]
    public void AliasUnderAnotherProvider_DoesNotApply() =>
        Assert.False(Price(Request("openai", "prod-chat") with { InputTokens = 1 }, Aliased).IsPriced);

    [Fact]
    public void ResponseModelTheCatalogKnows_WinsOverTheAlias()
    {
        var result = Price(Request("azure", "prod-chat") with { ResponseModel = "gpt-4o-2024-08-06", InputTokens = 1_000, OutputTokens = 500 }, Aliased);

        Assert.Equal(("azure/gpt-4o-2024-08-06", (string?)null), (result.CatalogKey, result.AliasVersion));
    }
}
