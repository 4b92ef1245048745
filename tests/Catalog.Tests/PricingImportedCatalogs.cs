using static TokenOptimizer.Catalog.Tests.Pricing;

namespace TokenOptimizer.Catalog.Tests;

/// <summary>The precedence of an imported public price: above the shipped one from its date, below any custom price in force.</summary>
public class PricingImportedCatalogs
{
    private static readonly DateTimeOffset March1 = new(2026, 3, 1, 0, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset June1 = new(2026, 6, 1, 0, 0, 0, TimeSpan.Zero);

    // 1,000 input and 1,000 output tokens.
    private static readonly PricingRequest Call = Request("openai", "gpt-4o") with { InputTokens = 1_000, OutputTokens = 1_000 };

    private static ModelPrice Rates(string version, DateTimeOffset from, decimal input, decimal output) => new()
    {
        Version = version,
        Source = "litellm",
        EffectiveFrom = from,
        Standard = new TokenRates { Input = input, Output = output },
    };

    private static readonly ModelInfo Gpt4o = new() { Key = "gpt-4o", Provider = "openai" };

    [Fact]
    public void ImportedPrice_BeatsTheShippedOneFromItsDate()
    {
        var catalog = Shipped.WithImportedPrice(Gpt4o, Rates("import:2:gpt-4o", March1, 0.000002m, 0.000008m));

        var before = Price(Call with { OccurredAt = March1.AddSeconds(-1) }, catalog);
        var after = Price(Call with { OccurredAt = March1 }, catalog);

        // Shipped: 1,000 × 0.0000025 + 1,000 × 0.00001 = 0.0125; imported: 1,000 × 0.000002 + 1,000 × 0.000008 = 0.01
        Assert.Equal(("litellm@0435375b:gpt-4o", 0.0125m), (before.PriceVersion, before.Cost!.Total));
        Assert.Equal(("import:2:gpt-4o", 0.01m), (after.PriceVersion, after.Cost!.Total));
    }

    [Fact]
    public void CustomPriceInForce_BeatsALaterImport()
    {
        // Given a negotiated price from March and a public list imported from June
        var catalog = Shipped
            .WithCustomPrice(new CustomModelPrice { Provider = "openai", Model = "gpt-4o", Price = Rates("custom:1", March1, 0.000001m, 0.000004m) })
            .WithImportedPrice(Gpt4o, Rates("import:2:gpt-4o", June1, 0.000002m, 0.000008m));

        // Then the custom price still prices June's calls: 1,000 × 0.000001 + 1,000 × 0.000004 = 0.005
        var june = Price(Call with { OccurredAt = June1.AddDays(1) }, catalog);
        Assert.Equal(("custom:1", 0.005m), (june.PriceVersion, june.Cost!.Total));
        Assert.Equal("import:2:gpt-4o", catalog.FindPublicPrice("gpt-4o", June1)!.Version);
    }

    [Fact]
    public void ImportedModelTheCatalogLacks_BecomesAnEntryOfItsOwn()
    {
        var model = new ModelInfo { Key = "acme-llm-9", Provider = "acme", Mode = "chat" };

        var catalog = Shipped.WithImportedPrice(model, Rates("import:3:acme-llm-9", March1, 0.000001m, 0.000002m));

        Assert.Equal("acme-llm-9", catalog.ResolveModel("acme", "acme-llm-9"));
        Assert.Equal("chat", catalog.Find("acme-llm-9")!.Mode);
        Assert.Null(Shipped.Find("acme-llm-9"));
    }

    [Fact]
    public void PriceHistory_ListsShippedImportedAndCustomVersionsByDate()
    {
        var catalog = Shipped
            .WithImportedPrice(Gpt4o, Rates("import:2:gpt-4o", June1, 0.000002m, 0.000008m))
            .WithCustomPrice(new CustomModelPrice { Model = "gpt-4o", Price = Rates("custom:1", March1, 0.000001m, 0.000004m) });

        Assert.Equal(["litellm@0435375b:gpt-4o", "custom:1", "import:2:gpt-4o"], catalog.PriceHistory("gpt-4o").Select(p => p.Version));
    }

    [Fact]
    public void NegativeImportedRate_IsRejected() =>
        Assert.Throws<ArgumentException>(() => Shipped.WithImportedPrice(Gpt4o, Rates("import:1:gpt-4o", March1, -0.000001m, 0m)));
}
